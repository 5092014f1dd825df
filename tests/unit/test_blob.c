/* test_blob.c — the content-addressed store (write, finish, dedupe, abort, sweep) and content
 * types (libmagic on real tiny PDF, JPEG, PNG and OFD files made here; ELF and empty refused; PDF
 * pages also inside compressed object streams). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "blob.h"
#include "sniff.h"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <zlib.h>

/* ---- sample files ---- */

struct buf {
	unsigned char *p;
	size_t n, cap;
};

static void put(struct buf *b, const void *d, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void putf(struct buf *b, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	put(b, tmp, (size_t)n);
}

static void put16(struct buf *b, unsigned v)
{
	unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	put(b, x, 2);
}

static void put32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 24)};
	put(b, x, 4);
}

static void put32be(struct buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 8), (unsigned char)v};
	put(b, x, 4);
}

/* A real PDF with `pages` pages (xref offsets computed), optionally with an incremental update
 * that rewrites the first page object (so a naive count would see one page more). */
static struct buf make_pdf(int pages, bool update)
{
	struct buf b = {0};
	long off[64];
	int nobj = 2 + pages;
	puts_(&b, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
	off[1] = (long)b.n;
	puts_(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = (long)b.n;
	puts_(&b, "2 0 obj\n<< /Type /Pages /Kids [");
	for (int i = 0; i < pages; i++)
		putf(&b, "%d 0 R ", 3 + i);
	putf(&b, "] /Count %d >>\nendobj\n", pages);
	for (int i = 0; i < pages; i++) {
		off[3 + i] = (long)b.n;
		/* alternate spellings: "/Type /Page" and "/Type/Page" */
		putf(&b,
		     "%d 0 obj\n<< /Type%s/Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n",
		     3 + i, i % 2 ? "" : " ");
	}
	long xref = (long)b.n;
	putf(&b, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
	for (int i = 1; i <= nobj; i++)
		putf(&b, "%010ld 00000 n \n", off[i]);
	putf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", nobj + 1, xref);
	if (update) {
		long o3 = (long)b.n;
		puts_(&b, "3 0 obj\n<< /Type /Page /Parent 2 0 R /Rotate 90 >>\nendobj\n");
		long x2 = (long)b.n;
		putf(&b,
		     "xref\n3 1\n%010ld 00000 n \ntrailer\n<< /Size %d /Root 1 0 R /Prev %ld >>\n"
		     "startxref\n%ld\n%%%%EOF\n",
		     o3, nobj + 1, xref, x2);
	}
	return b;
}

/* A PDF 1.5 whose page objects live in a Flate-compressed object stream. */
static struct buf make_pdf_objstm(int pages)
{
	struct buf inner = {0}, hdr = {0};
	for (int i = 0; i < pages; i++) {
		putf(&hdr, "%d %zu ", 3 + i, inner.n);
		putf(&inner, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>\n");
	}
	struct buf plain = {0};
	put(&plain, hdr.p, hdr.n);
	put(&plain, inner.p, inner.n);
	uLongf zn = compressBound(plain.n);
	unsigned char *z = malloc(zn);
	assert_int_equal(compress(z, &zn, plain.p, plain.n), Z_OK);
	struct buf b = {0};
	puts_(&b, "%PDF-1.5\n");
	puts_(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	puts_(&b, "2 0 obj\n<< /Type /Pages /Count ");
	putf(&b, "%d /Kids [", pages);
	for (int i = 0; i < pages; i++)
		putf(&b, "%d 0 R ", 3 + i);
	puts_(&b, "] >>\nendobj\n");
	putf(&b,
	     "%d 0 obj\n<< /Type /ObjStm /N %d /First %zu /Filter /FlateDecode /Length %lu >>\n"
	     "stream\n",
	     3 + pages, pages, hdr.n, (unsigned long)zn);
	put(&b, z, zn);
	puts_(&b, "\nendstream\nendobj\nstartxref\n0\n%%EOF\n");
	free(z);
	free(inner.p);
	free(hdr.p);
	free(plain.p);
	return b;
}

/* A baseline JPEG of one 8x8 grey block: one-symbol Huffman tables, DC 0 and end of block. */
static struct buf make_jpeg(void)
{
	static const unsigned char head[] = {
	    0xFF, 0xD8,                                                       /* SOI */
	    0xFF, 0xE0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0x00, 0x01, 0x01, /* APP0 */
	    0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43,
	    0x00}; /* DQT, table 0 follows (64 ones) */
	static const unsigned char tail[] = {0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00,
	                                     0x08, 0x01, 0x01, 0x11, 0x00, /* SOF0 */
	                                     0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00,
	                                     0x00, 0x00, 0x00, 0x00, 0x00, /* DHT DC */
	                                     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	                                     0x00, 0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, 0x00,
	                                     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* DHT AC */
	                                     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	                                     0x00, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00,
	                                     0x00, 0x3F, 0x00, /* SOS */
	                                     0x3F,             /* "00" + padding */
	                                     0xFF, 0xD9};      /* EOI */
	struct buf b = {0};
	put(&b, head, sizeof head);
	unsigned char q[64];
	memset(q, 1, sizeof q);
	put(&b, q, sizeof q);
	put(&b, tail, sizeof tail);
	return b;
}

static void png_chunk(struct buf *b, const char *type, const void *d, size_t n)
{
	put32be(b, (uint32_t)n);
	put(b, type, 4);
	if (n)
		put(b, d, n);
	uLong crc = crc32(0, (const Bytef *)type, 4);
	if (n)
		crc = crc32(crc, d, (uInt)n);
	put32be(b, (uint32_t)crc);
}

/* A 1x1 red PNG. */
static struct buf make_png(void)
{
	struct buf b = {0};
	put(&b, "\x89PNG\r\n\x1a\n", 8);
	unsigned char ihdr[13] = {0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
	png_chunk(&b, "IHDR", ihdr, sizeof ihdr);
	unsigned char raw[4] = {0, 0xFF, 0, 0};
	uLongf zn = compressBound(sizeof raw);
	unsigned char z[64];
	assert_int_equal(compress(z, &zn, raw, sizeof raw), Z_OK);
	png_chunk(&b, "IDAT", z, zn);
	png_chunk(&b, "IEND", NULL, 0);
	return b;
}

/* A stored (uncompressed) ZIP of the given entries, with its central directory. */
static struct buf make_zip(const char *const *names, const char *const *texts, int n)
{
	struct buf b = {0}, cd = {0};
	for (int i = 0; i < n; i++) {
		uint32_t off = (uint32_t)b.n, len = (uint32_t)strlen(texts[i]);
		uint32_t crc = (uint32_t)crc32(0, (const Bytef *)texts[i], len);
		unsigned nl = (unsigned)strlen(names[i]);
		put32(&b, 0x04034b50);
		put16(&b, 20), put16(&b, 0), put16(&b, 0), put16(&b, 0), put16(&b, 0);
		put32(&b, crc), put32(&b, len), put32(&b, len);
		put16(&b, nl), put16(&b, 0);
		put(&b, names[i], nl);
		put(&b, texts[i], len);
		put32(&cd, 0x02014b50);
		put16(&cd, 20), put16(&cd, 20), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0);
		put16(&cd, 0);
		put32(&cd, crc), put32(&cd, len), put32(&cd, len);
		put16(&cd, nl), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0), put16(&cd, 0);
		put32(&cd, 0), put32(&cd, off);
		put(&cd, names[i], nl);
	}
	uint32_t cdoff = (uint32_t)b.n;
	put(&b, cd.p, cd.n);
	put32(&b, 0x06054b50);
	put16(&b, 0), put16(&b, 0), put16(&b, (unsigned)n), put16(&b, (unsigned)n);
	put32(&b, (uint32_t)cd.n), put32(&b, cdoff), put16(&b, 0);
	free(cd.p);
	return b;
}

static struct buf make_ofd(void)
{
	const char *names[] = {"OFD.xml", "Doc_0/Document.xml"};
	const char *texts[] = {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                       "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\" "
	                       "DocType=\"OFD\"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml"
	                       "</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n",
	                       "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"/>\n"};
	return make_zip(names, texts, 2);
}

/* The start of a 64-bit ELF executable, padded. */
static struct buf make_elf(void)
{
	unsigned char h[512] = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
	h[16] = 2;    /* ET_EXEC */
	h[18] = 0x3E; /* x86-64 */
	h[20] = 1;    /* EV_CURRENT */
	h[52] = 64;   /* e_ehsize */
	h[54] = 56;   /* e_phentsize */
	h[58] = 64;   /* e_shentsize */
	struct buf b = {0};
	put(&b, h, sizeof h);
	return b;
}

/* ---- store ---- */

static char root[256];

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/yici-blob-XXXXXX");
	assert_non_null(mkdtemp(root));
	struct yc_error e = {0};
	assert_int_equal(yc_blob_init(root, &e), YC_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static int count_dir(const char *sub)
{
	char p[300];
	snprintf(p, sizeof p, "%s/%s", root, sub);
	DIR *d = opendir(p);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void store(const void *data, size_t n, char sha[65])
{
	struct yc_error e = {0};
	struct yc_blob_writer *w = NULL;
	assert_int_equal(yc_blob_begin(root, 0, &w, &e), YC_OK);
	/* in uneven pieces, across the write buffer */
	size_t off = 0, step = 1;
	while (off < n) {
		size_t k = n - off < step ? n - off : step;
		assert_int_equal(yc_blob_write(w, (const char *)data + off, k, &e), YC_OK);
		off += k;
		step = step * 3 + 7;
	}
	int64_t size = -1;
	assert_int_equal(yc_blob_finish(w, sha, &size, &e), YC_OK);
	assert_int_equal(size, (int64_t)n);
}

static void test_known_hash(void **state)
{
	(void)state;
	char sha[65];
	store("abc", 3, sha);
	assert_string_equal(sha,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	struct yc_arena *a = yc_arena_new();
	char *path = yc_blob_path(root, sha, a);
	char want[400];
	snprintf(want, sizeof want, "%s/objects/ba/%s", root, sha + 2);
	assert_string_equal(path, want);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_size, 3);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_null(yc_blob_path(root, "BA7816", a));
	assert_null(yc_blob_path(root, "../../etc/passwd", a));
	yc_arena_free(a);
	assert_int_equal(count_dir("tmp"), 0);
}

static void test_big_and_read_back(void **state)
{
	(void)state;
	size_t n = 3 * 1024 * 1024 + 17;
	unsigned char *d = malloc(n);
	for (size_t i = 0; i < n; i++)
		d[i] = (unsigned char)(i * 2654435761u >> 13);
	char sha[65];
	store(d, n, sha);
	unsigned char h[32];
	char hex[65];
	crypto_hash_sha256(h, d, n);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	assert_string_equal(sha, hex);
	int fd = -1;
	int64_t size = 0;
	struct yc_error e = {0};
	assert_int_equal(yc_blob_open(root, sha, &fd, &size, &e), YC_OK);
	assert_int_equal(size, (int64_t)n);
	unsigned char *back = malloc(n);
	size_t got = 0;
	ssize_t k;
	while ((k = read(fd, back + got, n - got)) > 0)
		got += (size_t)k;
	close(fd);
	assert_int_equal(got, n);
	assert_memory_equal(back, d, n);
	assert_true(yc_blob_exists(root, sha));
	free(back);
	free(d);
}

static void test_dedupe(void **state)
{
	(void)state;
	char a[65], b[65];
	store("hello world", 11, a);
	store("hello world", 11, b);
	assert_string_equal(a, b);
	assert_string_equal(a, "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
	assert_int_equal(count_dir("objects/b9"), 1);
	assert_int_equal(count_dir("tmp"), 0);
}

static void test_abort_and_limit(void **state)
{
	(void)state;
	struct yc_error e = {0};
	struct yc_blob_writer *w = NULL;
	assert_int_equal(yc_blob_begin(root, 10, &w, &e), YC_OK);
	assert_int_equal(count_dir("tmp"), 1);
	assert_int_equal(yc_blob_write(w, "0123456789", 10, &e), YC_OK);
	assert_int_equal(yc_blob_write(w, "x", 1, &e), YC_E_TOO_LARGE);
	assert_int_equal(yc_blob_size(w), 10);
	/* a writer over its limit cannot be finished */
	char sha[65];
	assert_int_not_equal(yc_blob_finish(w, sha, NULL, &e), YC_OK);
	assert_string_equal(sha, "");
	assert_int_equal(count_dir("tmp"), 0);

	assert_int_equal(yc_blob_begin(root, 0, &w, &e), YC_OK);
	assert_int_equal(yc_blob_write(w, "partial", 7, &e), YC_OK);
	size_t hn = 0;
	const unsigned char *head = yc_blob_head(w, &hn);
	assert_int_equal(hn, 7);
	assert_memory_equal(head, "partial", 7);
	const void *view = NULL;
	size_t vn = 0;
	assert_int_equal(yc_blob_view(w, &view, &vn, &e), YC_OK);
	assert_int_equal(vn, 7);
	assert_memory_equal(view, "partial", 7);
	assert_null(yc_blob_abort(w));
	assert_int_equal(count_dir("tmp"), 0);
	assert_null(yc_blob_abort(NULL));
	int fd;
	assert_int_equal(
	    yc_blob_open(root, "0000000000000000000000000000000000000000000000000000000000000000",
	                 &fd, NULL, &e),
	    YC_E_NOT_FOUND);
}

static void touch_tmp(const char *name, int64_t age)
{
	char p[400];
	snprintf(p, sizeof p, "%s/tmp/%s", root, name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), 1);
	close(fd);
	struct timeval tv[2];
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= (time_t)age;
	tv[1] = tv[0];
	assert_int_equal(utimes(p, tv), 0);
}

static void test_sweep(void **state)
{
	(void)state;
	char host[128];
	gethostname(host, sizeof host - 1);
	host[sizeof host - 1] = '\0';
	for (char *p = host; *p; p++)
		if (*p == '-' || *p == '/')
			*p = '_';
	char n1[300], n2[300], n3[300];
	/* a dead process of this host (pid 2^22+1 is above Linux's pid_max default) */
	snprintf(n1, sizeof n1, "up-%s-4194305-00aa", host);
	/* a live process of this host: this one's parent */
	snprintf(n2, sizeof n2, "up-%s-%ld-00bb", host, (long)getppid());
	/* another host's, young and old */
	snprintf(n3, sizeof n3, "up-otherhost-1234-00cc");
	touch_tmp(n1, 0);
	touch_tmp(n2, 0);
	touch_tmp(n3, 0);
	touch_tmp("up-otherhost-1234-00dd", 7200);
	touch_tmp("notours.txt", 7200);
	/* a writer of this process in progress is stale only by age (this process is alive) */
	struct yc_error e = {0};
	int removed = -1;
	assert_int_equal(yc_blob_sweep(root, 3600, &removed, &e), YC_OK);
	assert_int_equal(removed, 2); /* the dead pid's and the old one */
	assert_int_equal(count_dir("tmp"), 3);
	assert_int_equal(yc_blob_sweep(root, 0, &removed, &e), YC_OK);
	assert_int_equal(removed, 2);          /* everything of ours, whoever made it */
	assert_int_equal(count_dir("tmp"), 1); /* notours.txt is never touched */
}

/* ---- content types ---- */

static void sniff(struct buf b, const char *type, const char *problem, int pages)
{
	struct yc_sniff s;
	yc_sniff_buffer(b.p, b.n, &s);
	if (type) {
		assert_non_null(s.type);
		assert_string_equal(s.type, type);
		assert_null(s.problem);
	} else {
		if (s.type)
			fail_msg("accepted as %s (%s)", s.type, s.mime);
		assert_string_equal(s.problem, problem);
		assert_non_null(s.message);
	}
	assert_int_equal(s.pages, pages);
	free(b.p);
}

static void test_sniff_accepted(void **state)
{
	(void)state;
	struct yc_error e = {0};
	assert_int_equal(yc_sniff_init(&e), YC_OK);
	struct yc_sniff s;
	struct buf pdf = make_pdf(3, false);
	yc_sniff_buffer(pdf.p, pdf.n, &s);
	assert_string_equal(s.mime, "application/pdf");
	free(pdf.p);
	sniff(make_pdf(1, false), "pdf", NULL, 1);
	sniff(make_pdf(3, false), "pdf", NULL, 3);
	sniff(make_jpeg(), "jpg", NULL, -1);
	sniff(make_png(), "png", NULL, -1);
	struct buf ofd = make_ofd();
	yc_sniff_buffer(ofd.p, ofd.n, &s);
	assert_string_equal(s.type, "ofd");
	assert_string_equal(s.mime, "application/ofd");
	free(ofd.p);
}

static void test_sniff_refused(void **state)
{
	(void)state;
	sniff(make_elf(), NULL, "type", -1);
	struct yc_sniff s;
	yc_sniff_buffer("", 0, &s);
	assert_null(s.type);
	assert_string_equal(s.problem, "empty");
	/* text named .pdf */
	struct buf t = {0};
	puts_(&t, "This is not a PDF at all, only a text file someone renamed.\n");
	yc_sniff_buffer(t.p, t.n, &s);
	assert_null(s.type);
	assert_string_equal(s.problem, "type");
	assert_string_equal(s.mime, "text/plain");
	free(t.p);
	/* a PDF cut short: no %%EOF at the end */
	struct buf p = make_pdf(2, false);
	p.n -= 7;
	sniff(p, NULL, "pdf_incomplete", -1);
	/* a ZIP that is not an OFD */
	const char *names[] = {"readme.txt"};
	const char *texts[] = {"hello"};
	sniff(make_zip(names, texts, 1), NULL, "not_ofd", -1);
	/* "%PDF-" later than the first KiB is not a PDF */
	struct buf late = {0};
	for (int i = 0; i < 120; i++)
		puts_(&late, "padding \n");
	struct buf real = make_pdf(1, false);
	put(&late, real.p, real.n);
	free(real.p);
	yc_sniff_buffer(late.p, late.n, &s);
	assert_null(s.type);
	free(late.p);
}

static void test_pdf_pages(void **state)
{
	(void)state;
	struct buf b = make_pdf(5, true);
	assert_int_equal(yc_pdf_pages(b.p, b.n), 5); /* the rewritten page counted once */
	free(b.p);
	b = make_pdf_objstm(7);
	assert_int_equal(yc_pdf_pages(b.p, b.n), 7);
	sniff(b, "pdf", NULL, 7);
	const char *pages_only = "1 0 obj << /Type /Pages /Count 3 >> endobj";
	assert_int_equal(yc_pdf_pages(pages_only, strlen(pages_only)), -1);
	assert_int_equal(yc_pdf_pages("", 0), -1);
	/* a corrupt object stream is skipped, not fatal */
	const char *bad = "%PDF-1.5\n4 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n"
	                  "garbage that does not inflate\nendstream\nendobj\n%%EOF\n";
	assert_int_equal(yc_pdf_pages(bad, strlen(bad)), -1);
	/* real-world PDFs when the system has them (pdfTeX output with object streams) */
	const char *docs[] = {"/usr/share/doc/libtasn1-doc/libtasn1.pdf",
	                      "/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf"};
	const int want[] = {36, 17};
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(docs[i], "rb");
		if (!f)
			continue;
		struct buf d = {0};
		char chunk[65536];
		size_t k;
		while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
			put(&d, chunk, k);
		fclose(f);
		assert_int_equal(yc_pdf_pages(d.p, d.n), want[i]);
		free(d.p);
	}
}

static void test_zip_entries(void **state)
{
	(void)state;
	struct buf o = make_ofd();
	assert_true(yc_zip_has_entry(o.p, o.n, "OFD.xml"));
	assert_true(yc_zip_has_entry(o.p, o.n, "Doc_0/Document.xml"));
	assert_false(yc_zip_has_entry(o.p, o.n, "ofd.xml"));
	assert_false(yc_zip_has_entry(o.p, o.n - (o.n - 40), "Doc_0/Document.xml"));
	free(o.p);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_known_hash),    cmocka_unit_test(test_big_and_read_back),
	    cmocka_unit_test(test_dedupe),        cmocka_unit_test(test_abort_and_limit),
	    cmocka_unit_test(test_sweep),         cmocka_unit_test(test_sniff_accepted),
	    cmocka_unit_test(test_sniff_refused), cmocka_unit_test(test_pdf_pages),
	    cmocka_unit_test(test_zip_entries),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	yc_sniff_thread_done();
	return rc;
}
