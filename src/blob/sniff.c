/* sniff.c — content types with libmagic, PDF pages, OFD packages; see sniff.h.
 *
 * libmagic's answer is necessary but not enough: each accepted type must also carry its own
 * signature where the format puts it (PDF: "%PDF-" in the first KiB, as readers allow; JPEG: FF D8
 * FF; PNG: the 8-byte signature; ZIP: a local file header at 0), so a database quirk cannot let
 * something else through. A magic_t is not thread-safe; each thread keeps its own. */
#include "sniff.h"

#include <magic.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MAGIC_FLAGS (MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR)

static pthread_key_t magic_key;
static pthread_once_t magic_once = PTHREAD_ONCE_INIT;

static void close_magic(void *m)
{
	if (m)
		magic_close(m);
}

static void make_key(void)
{
	pthread_key_create(&magic_key, close_magic);
}

static magic_t thread_magic(void)
{
	pthread_once(&magic_once, make_key);
	magic_t m = pthread_getspecific(magic_key);
	if (m)
		return m;
	m = magic_open(MAGIC_FLAGS);
	if (!m)
		return NULL;
	if (magic_load(m, NULL) != 0) {
		magic_close(m);
		return NULL;
	}
	pthread_setspecific(magic_key, m);
	return m;
}

enum yc_status yc_sniff_init(struct yc_error *e)
{
	if (!thread_magic())
		return yc_fail(e, YC_E_INTERNAL, NULL,
		               "无法加载文件类型数据库 (libmagic)，请安装 libmagic-mgc");
	return YC_OK;
}

void yc_sniff_thread_done(void)
{
	pthread_once(&magic_once, make_key);
	magic_t m = pthread_getspecific(magic_key);
	if (m) {
		pthread_setspecific(magic_key, NULL);
		magic_close(m);
	}
}

static const void *find(const void *hay, size_t n, const char *needle)
{
	return memmem(hay, n, needle, strlen(needle));
}

static void refuse(struct yc_sniff *out, const char *problem, const char *message)
{
	out->type = NULL;
	out->pages = -1;
	out->problem = problem;
	out->message = message;
}

static void accept_as(struct yc_sniff *out, const char *type, const char *mime)
{
	out->type = type;
	snprintf(out->mime, sizeof out->mime, "%s", mime);
	out->problem = NULL;
	out->message = NULL;
}

void yc_sniff_head(const void *head, size_t n, struct yc_sniff *out)
{
	*out = (struct yc_sniff){.pages = -1};
	if (n == 0) {
		snprintf(out->mime, sizeof out->mime, "application/x-empty");
		refuse(out, "empty", "文件为空（0 字节）");
		return;
	}
	magic_t m = thread_magic();
	const char *mime = m ? magic_buffer(m, head, n) : NULL;
	snprintf(out->mime, sizeof out->mime, "%s", mime ? mime : "application/octet-stream");
	const unsigned char *p = head;
	size_t pdf_window = n < 1024 ? n : 1024;
	if (strcmp(out->mime, "application/pdf") == 0 && find(p, pdf_window, "%PDF-")) {
		accept_as(out, "pdf", "application/pdf");
	} else if (strcmp(out->mime, "image/jpeg") == 0 && n >= 3 && p[0] == 0xFF && p[1] == 0xD8 &&
	           p[2] == 0xFF) {
		accept_as(out, "jpg", "image/jpeg");
	} else if (strcmp(out->mime, "image/png") == 0 && n >= 8 &&
	           memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) {
		accept_as(out, "png", "image/png");
	} else if (strcmp(out->mime, "application/zip") == 0 && n >= 4 &&
	           memcmp(p, "PK\x03\x04", 4) == 0) {
		/* a candidate only: yc_sniff_whole() looks for OFD.xml */
		accept_as(out, "ofd", "application/ofd");
	} else if (strstr(out->mime, "executable") || strstr(out->mime, "sharedlib") ||
	           strstr(out->mime, "msdownload") || strstr(out->mime, "mach-binary")) {
		refuse(out, "type", "不接受可执行程序，请上传 PDF、JPEG、PNG 或 OFD 文件");
	} else {
		refuse(out, "type", "文件内容不是 PDF、JPEG、PNG 或 OFD");
	}
}

void yc_sniff_whole(const void *data, size_t n, struct yc_sniff *out)
{
	if (!out->type)
		return;
	if (strcmp(out->type, "pdf") == 0) {
		size_t t = n < 1024 ? n : 1024;
		if (!find((const char *)data + (n - t), t, "%%EOF")) {
			refuse(out, "pdf_incomplete", "PDF 文件不完整（缺少结尾标记 %%EOF）");
			snprintf(out->mime, sizeof out->mime, "application/pdf");
			return;
		}
		out->pages = yc_pdf_pages(data, n);
	} else if (strcmp(out->type, "ofd") == 0) {
		if (!yc_zip_has_entry(data, n, "OFD.xml")) {
			refuse(out, "not_ofd", "ZIP 压缩包不是 OFD 文件（缺少 OFD.xml）");
			snprintf(out->mime, sizeof out->mime, "application/zip");
		}
	}
}

void yc_sniff_buffer(const void *data, size_t n, struct yc_sniff *out)
{
	yc_sniff_head(data, n < YC_SNIFF_HEAD ? n : YC_SNIFF_HEAD, out);
	yc_sniff_whole(data, n, out);
}

/* ---- PDF pages ---- */

/* PDF white space and delimiters (ISO 32000-1, 7.2.2). */
static bool pdf_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static bool pdf_delim(unsigned char c)
{
	return pdf_space(c) || c == '/' || c == '(' || c == ')' || c == '<' || c == '>' ||
	       c == '[' || c == ']' || c == '{' || c == '}' || c == '%';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Is there a name token `name` (with its slash) at p[i], ending at a delimiter? */
static bool name_at(const unsigned char *p, size_t n, size_t i, const char *name)
{
	size_t l = strlen(name);
	return i + l <= n && memcmp(p + i, name, l) == 0 && (i + l == n || pdf_delim(p[i + l]));
}

/* After "/Type" at i: the position of the value name, or n. */
static size_t type_value(const unsigned char *p, size_t n, size_t i)
{
	size_t j = i + 5;
	while (j < n && pdf_space(p[j]))
		j++;
	return j;
}

/* "N G obj" ending at the 'j' of obj (p[i-2..i] == "obj"): N, or -1. */
static long obj_number(const unsigned char *p, size_t i)
{
	if (i < 6)
		return -1;
	size_t k = i - 3; /* just before "obj" */
	if (!pdf_space(p[k]))
		return -1;
	while (k > 0 && pdf_space(p[k]))
		k--;
	if (!is_digit(p[k]))
		return -1;
	while (k > 0 && is_digit(p[k]))
		k--; /* generation */
	if (!pdf_space(p[k]))
		return -1;
	while (k > 0 && pdf_space(p[k]))
		k--;
	if (!is_digit(p[k]))
		return -1;
	size_t end = k + 1;
	while (k > 0 && is_digit(p[k - 1]))
		k--;
	if (k > 0 && !pdf_delim(p[k - 1]))
		return -1;
	if (end - k > 9)
		return -1;
	long v = 0;
	for (size_t q = k; q < end; q++)
		v = v * 10 + (p[q] - '0');
	return v;
}

struct page_scan {
	long *objs; /* object numbers of page objects */
	size_t nobjs, cap;
	long loose;  /* page objects without an object number (inside object streams) */
	size_t *stm; /* offsets of "obj" headers of object streams */
	size_t nstm, stmcap;
};

static void push_long(long **v, size_t *n, size_t *cap, long x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		long *nv = realloc(*v, *cap * sizeof **v);
		if (!nv)
			abort();
		*v = nv;
	}
	(*v)[(*n)++] = x;
}

static void push_size(size_t **v, size_t *n, size_t *cap, size_t x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		size_t *nv = realloc(*v, *cap * sizeof **v);
		if (!nv)
			abort();
		*v = nv;
	}
	(*v)[(*n)++] = x;
}

/* One pass over p: page objects (by object number when `numbered`) and object streams. */
static void scan_pages(const unsigned char *p, size_t n, bool numbered, struct page_scan *s)
{
	long cur = -1;
	size_t cur_at = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if (c == 'j' && numbered && i >= 2 && p[i - 1] == 'b' && p[i - 2] == 'o' &&
		    (i + 1 == n || pdf_delim(p[i + 1]))) {
			long num = obj_number(p, i);
			if (num >= 0) {
				cur = num;
				cur_at = i + 1;
			} else if (i >= 5 && memcmp(p + i - 5, "endobj", 6) == 0) {
				cur = -1;
			}
			continue;
		}
		if (c != '/' || !name_at(p, n, i, "/Type"))
			continue;
		size_t v = type_value(p, n, i);
		if (name_at(p, n, v, "/Page")) {
			if (numbered && cur >= 0) {
				if (s->nobjs < YC_PDF_PAGES_MAX)
					push_long(&s->objs, &s->nobjs, &s->cap, cur);
				cur = -1; /* once per object */
			} else if (s->loose < YC_PDF_PAGES_MAX) {
				s->loose++;
			}
		} else if (numbered && cur >= 0 && name_at(p, n, v, "/ObjStm") && s->nstm < 4096) {
			push_size(&s->stm, &s->nstm, &s->stmcap, cur_at);
		}
		i = v > i ? v - 1 : i;
	}
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

/* Inflate one object stream whose dictionary starts at `at`; the inflated bytes (malloc'd) or
 * NULL. *budget bounds the bytes inflated over the whole file. */
static unsigned char *inflate_objstm(const unsigned char *p, size_t n, size_t at, size_t *outn,
                                     size_t *budget)
{
	size_t lim = at + 65536 < n ? at + 65536 : n;
	const unsigned char *kw = find(p + at, lim - at, "stream");
	if (!kw)
		return NULL;
	size_t dict_end = (size_t)(kw - p);
	const unsigned char *flate = find(p + at, dict_end - at, "/FlateDecode");
	if (!flate || find(p + at, dict_end - at, "/DecodeParms") ||
	    find(p + at, dict_end - at, "/Encrypt"))
		return NULL;
	size_t ds = dict_end + 6;
	if (ds < n && p[ds] == '\r')
		ds++;
	if (ds < n && p[ds] == '\n')
		ds++;
	const unsigned char *es = find(p + ds, n - ds, "endstream");
	size_t de = es ? (size_t)(es - p) : n;
	size_t cap = 64 * 1024, len = 0;
	unsigned char *out = malloc(cap);
	if (!out)
		abort();
	z_stream z = {0};
	if (inflateInit(&z) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = (unsigned char *)(uintptr_t)(p + ds);
	z.avail_in = (uInt)(de - ds > UINT32_MAX ? UINT32_MAX : de - ds);
	int rc = Z_OK;
	while (rc == Z_OK) {
		if (len == cap) {
			if (cap >= *budget || cap >= (16u << 20))
				break;
			cap *= 2;
			unsigned char *nb = realloc(out, cap);
			if (!nb)
				abort();
			out = nb;
		}
		z.next_out = out + len;
		z.avail_out = (uInt)(cap - len);
		rc = inflate(&z, Z_NO_FLUSH);
		len = cap - z.avail_out;
		if (rc == Z_BUF_ERROR && z.avail_in == 0)
			break;
	}
	inflateEnd(&z);
	if (rc != Z_STREAM_END && rc != Z_OK && rc != Z_BUF_ERROR) {
		free(out);
		return NULL;
	}
	*budget = len < *budget ? *budget - len : 0;
	*outn = len;
	return out;
}

int yc_pdf_pages(const void *data, size_t n)
{
	const unsigned char *p = data;
	struct page_scan s = {0};
	scan_pages(p, n, true, &s);
	size_t budget = 64u << 20; /* bytes inflated from object streams, over the whole file */
	for (size_t k = 0; k < s.nstm && budget; k++) {
		size_t len = 0;
		unsigned char *buf = inflate_objstm(p, n, s.stm[k], &len, &budget);
		if (buf) {
			struct page_scan inner = {0};
			scan_pages(buf, len, false, &inner);
			s.loose += inner.loose;
			free(buf);
		}
	}
	size_t distinct = 0;
	if (s.nobjs) {
		qsort(s.objs, s.nobjs, sizeof s.objs[0], cmp_long);
		distinct = 1;
		for (size_t k = 1; k < s.nobjs; k++)
			if (s.objs[k] != s.objs[k - 1])
				distinct++;
	}
	free(s.objs);
	free(s.stm);
	long total = (long)distinct + s.loose;
	if (total <= 0)
		return -1;
	return total > YC_PDF_PAGES_MAX ? YC_PDF_PAGES_MAX : (int)total;
}

/* ---- ZIP entries ---- */

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

bool yc_zip_has_entry(const void *data, size_t n, const char *name)
{
	const unsigned char *p = data;
	size_t nl = strlen(name);
	size_t i = 0;
	while (i + 30 <= n) {
		const unsigned char *h = find(p + i, n - i, "PK\x03\x04");
		if (!h)
			return false;
		i = (size_t)(h - p);
		if (i + 30 > n)
			return false;
		unsigned flags = le16(h + 6);
		uint32_t csize = le32(h + 18);
		unsigned fnl = le16(h + 26), xl = le16(h + 28);
		if (i + 30 + fnl > n)
			return false;
		if (fnl == nl && memcmp(h + 30, name, nl) == 0)
			return true;
		/* skip the entry's data when its size is known; else look for the next header */
		size_t next = i + 30 + fnl + xl;
		if (!(flags & 0x08) && csize != 0xFFFFFFFFu && next + csize <= n)
			next += csize;
		i = next > i ? next : i + 1;
	}
	return false;
}
