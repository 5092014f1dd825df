/* upload.c — request bodies of files, streamed into the file store (src/blob) as they arrive.
 *
 * For a YC_ROUTE_UPLOAD route server.c checks the declared length, the caller and the role from
 * the headers alone, then hands every piece of the body to yc_upload_data(). A multipart/form-data
 * body is cut into parts by libmicrohttpd's post processor; a part with a file name is a file,
 * written to a blob writer piece by piece (never held in memory) and judged by its content: its
 * first YC_SNIFF_HEAD bytes name a candidate type (a refused file is not written any further, only
 * counted), and the complete file confirms it before it is named by its hash. A part without a
 * file name is a plain form field (short, kept in the arena). A body that is a file itself
 * (Content-Type application/pdf, image/..., application/ofd or application/octet-stream) is one
 * file named "file". When the body is complete the handler finds r->uploads / r->form.
 *
 * Whatever goes wrong midway (the body grows past the limit, the client goes away, a write fails)
 * removes the temporary file at once or in yc_upload_release(), which the completion callback
 * always calls: no partial file is ever named, and none is left behind. */
#include "http.h"

#include "../blob/blob.h"
#include "../blob/sniff.h"
#include "../core/text.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* A refused body is read and thrown away up to this many bytes past the limit (so that a client
 * that sends it whole still reads the answer); past it the connection is closed. */
#define DRAIN_PAST (64ull << 20)
#define FIELD_MAX  8192
#define FORM_MAX   64

struct yc_upload_state {
	size_t limit;
	uint64_t received;
	struct MHD_PostProcessor *pp; /* NULL for a raw body */
	bool failed;                  /* the rest of the body is thrown away; err is the answer */
	struct yc_error err;
	int cap_uploads, cap_form;
	/* the part being received */
	bool in_part, part_is_file, part_unnamed;
	char *part_key, *part_filename;
	uint64_t part_bytes;
	/* its file */
	struct yc_blob_writer *w;
	struct yc_upload *cur;
	bool sniffed;
	struct yc_sniff sn;
	/* or its field value */
	char *fval;
	size_t flen, fcap;
};

static void fail(struct yc_req *r, enum yc_status st, const char *field, const char *msg)
{
	struct yc_upload_state *u = r->upload;
	if (u->failed)
		return;
	u->failed = true;
	yc_fail(&u->err, st, field, msg);
	if (st == YC_E_INTERNAL)
		r->log_detail = yc_strdup(r->a, yc_blob_detail());
	u->w = yc_blob_abort(u->w);
}

/* "20 MB", "1.5 MB", "512 KB" */
static const char *size_text(struct yc_arena *a, uint64_t n)
{
	if (n >= (1u << 20)) {
		if (n % (1u << 20) == 0)
			return yc_printf(a, "%llu MB", (unsigned long long)(n >> 20));
		return yc_printf(a, "%.1f MB", (double)n / (1u << 20));
	}
	return yc_printf(a, "%llu KB", (unsigned long long)((n + 1023) >> 10));
}

const char *yc_upload_too_large(struct yc_req *r, size_t limit)
{
	return yc_printf(r->a, "上传内容过大：每次最多 %s", size_text(r->a, limit));
}

/* The client's file name as something safe to show and store: its last path component, valid
 * UTF-8 (anything else dropped), no control characters, at most 200 bytes. NULL when nothing is
 * left. */
static const char *clean_filename(struct yc_arena *a, const char *s)
{
	if (!s)
		return NULL;
	const char *base = s;
	for (const char *p = s; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	size_t n = strlen(base);
	char *out = yc_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)base[i];
		size_t l = c < 0x80         ? 1
		           : (c >> 5) == 6  ? 2
		           : (c >> 4) == 14 ? 3
		           : (c >> 3) == 30 ? 4
		                            : 0;
		if (l == 0 || i + l > n || yc_utf8_len(base + i, l) != 1) {
			i++;
			continue;
		}
		if (l == 1 && (c < 0x20 || c == 0x7F)) {
			i++;
			continue;
		}
		if (o + l > 200)
			break;
		memcpy(out + o, base + i, l);
		o += l;
		i += l;
	}
	while (o && (out[o - 1] == ' ' || out[o - 1] == '.'))
		o--;
	size_t start = 0;
	while (start < o && out[start] == ' ')
		start++;
	out[o] = '\0';
	return start < o ? out + start : NULL;
}

/* The type a file name claims by its extension ("pdf", "jpg", ...), or NULL. */
static const char *claimed_type(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	if (!dot)
		return NULL;
	static const struct {
		const char *ext, *type;
	} map[] = {
	    {".pdf", "pdf"}, {".jpg", "jpg"}, {".jpeg", "jpg"}, {".png", "png"}, {".ofd", "ofd"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(dot, map[i].ext) == 0)
			return map[i].type;
	return NULL;
}

static const char *type_label(const char *t)
{
	return strcmp(t, "jpg") == 0   ? "JPEG"
	       : strcmp(t, "png") == 0 ? "PNG"
	       : strcmp(t, "ofd") == 0 ? "OFD"
	                               : "PDF";
}

/* Fill the entry of the file that just ended from the sniff verdict. */
static void verdict(struct yc_req *r, struct yc_upload *up, const struct yc_sniff *sn)
{
	up->type = sn->type;
	up->mime = yc_strdup(r->a, sn->mime);
	up->pages = sn->pages;
	up->problem = sn->problem;
	up->message = sn->message;
	const char *claim = claimed_type(up->filename);
	if (sn->problem && strcmp(sn->problem, "type") == 0 && claim)
		up->message = yc_printf(r->a, "文件名为 %s，但内容不是 %s（实际为 %s）",
		                        strrchr(up->filename, '.'), type_label(claim), sn->mime);
}

static void begin_file(struct yc_req *r, const char *key, const char *filename)
{
	struct yc_upload_state *u = r->upload;
	if (r->nuploads == YC_UPLOAD_MAX_FILES) {
		fail(r, YC_E_BAD_INPUT, key,
		     yc_printf(r->a, "一次最多上传 %d 个文件", YC_UPLOAD_MAX_FILES));
		return;
	}
	if (r->nuploads == u->cap_uploads) {
		int cap = u->cap_uploads ? u->cap_uploads * 2 : 4;
		struct yc_upload *nu = yc_alloc(r->a, (size_t)cap * sizeof *nu);
		if (r->nuploads)
			memcpy(nu, r->uploads, (size_t)r->nuploads * sizeof *nu);
		r->uploads = nu;
		u->cap_uploads = cap;
	}
	u->part_unnamed = filename && !*filename;
	struct yc_upload *up = &r->uploads[r->nuploads++];
	*up = (struct yc_upload){.field = yc_strdup(r->a, key ? key : "file"),
	                         .filename = clean_filename(r->a, filename),
	                         .pages = -1};
	u->cur = up;
	u->sniffed = false;
	struct yc_error e = {0};
	if (yc_blob_begin(r->cfg->data_dir, (int64_t)u->limit, &u->w, &e) != YC_OK)
		fail(r, e.status, NULL, e.message);
}

/* Judge the first bytes once there are enough of them (or at the end of a shorter file). */
static void sniff_head(struct yc_upload_state *u)
{
	size_t hn = 0;
	const unsigned char *head = yc_blob_head(u->w, &hn);
	yc_sniff_head(head, hn, &u->sn);
	u->sniffed = true;
	if (!u->sn.type)
		u->w = yc_blob_abort(u->w); /* refused: the rest is only counted */
}

static void file_data(struct yc_req *r, const char *data, size_t n)
{
	struct yc_upload_state *u = r->upload;
	u->cur->size += (int64_t)n;
	if (!u->w)
		return;
	struct yc_error e = {0};
	if (yc_blob_write(u->w, data, n, &e) != YC_OK) {
		fail(r, e.status, NULL,
		     e.status == YC_E_TOO_LARGE ? yc_upload_too_large(r, u->limit) : e.message);
		return;
	}
	if (!u->sniffed && yc_blob_size(u->w) >= YC_SNIFF_HEAD)
		sniff_head(u);
}

/* The file part ended: confirm its type on the whole file and name it by its hash. */
static void end_file(struct yc_req *r)
{
	struct yc_upload_state *u = r->upload;
	struct yc_upload *up = u->cur;
	u->cur = NULL;
	if (u->part_unnamed && up->size == 0) {
		/* a form's file input with nothing chosen: filename="" and no bytes */
		u->w = yc_blob_abort(u->w);
		r->nuploads--;
		return;
	}
	if (u->w && !u->sniffed)
		sniff_head(u);
	if (u->w) {
		const void *data = NULL;
		size_t n = 0;
		struct yc_error e = {0};
		if (yc_blob_view(u->w, &data, &n, &e) != YC_OK) {
			fail(r, e.status, NULL, e.message);
			return;
		}
		yc_sniff_whole(data, n, &u->sn);
		if (!u->sn.type) {
			u->w = yc_blob_abort(u->w);
		} else {
			struct yc_blob_writer *w = u->w;
			u->w = NULL;
			if (yc_blob_finish(w, up->sha256, NULL, &e) != YC_OK) {
				fail(r, e.status, NULL, e.message);
				return;
			}
		}
	}
	verdict(r, up, &u->sn);
}

static void begin_field(struct yc_req *r, const char *key)
{
	struct yc_upload_state *u = r->upload;
	if (r->nform == FORM_MAX) {
		fail(r, YC_E_BAD_INPUT, key, "表单字段过多");
		return;
	}
	if (r->nform == u->cap_form) {
		int cap = u->cap_form ? u->cap_form * 2 : 8;
		struct yc_form_value *nf = yc_alloc(r->a, (size_t)cap * sizeof *nf);
		if (r->nform)
			memcpy(nf, r->form, (size_t)r->nform * sizeof *nf);
		r->form = nf;
		u->cap_form = cap;
	}
	r->form[r->nform++] =
	    (struct yc_form_value){.name = yc_strdup(r->a, key ? key : ""), .value = ""};
	u->fval = NULL;
	u->flen = u->fcap = 0;
}

static void field_data(struct yc_req *r, const char *data, size_t n)
{
	struct yc_upload_state *u = r->upload;
	struct yc_form_value *f = &r->form[r->nform - 1];
	if (u->flen + n > FIELD_MAX) {
		fail(r, YC_E_BAD_INPUT, f->name,
		     yc_printf(r->a, "表单字段过长（最多 %d 字节）", FIELD_MAX));
		return;
	}
	if (memchr(data, '\0', n)) {
		fail(r, YC_E_BAD_INPUT, f->name, "表单字段含有 NUL 字符");
		return;
	}
	if (u->flen + n + 1 > u->fcap) {
		size_t cap = u->fcap ? u->fcap * 2 : 256;
		while (cap < u->flen + n + 1)
			cap *= 2;
		char *nb = yc_alloc(r->a, cap);
		if (u->flen)
			memcpy(nb, u->fval, u->flen);
		u->fval = nb;
		u->fcap = cap;
	}
	memcpy(u->fval + u->flen, data, n);
	u->flen += n;
	u->fval[u->flen] = '\0';
	f->value = u->fval;
}

static void end_part(struct yc_req *r)
{
	struct yc_upload_state *u = r->upload;
	if (!u->in_part)
		return;
	u->in_part = false;
	if (u->part_is_file && u->cur)
		end_file(r);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The post processor's callback: one piece of one part. A part starts with off == 0; the first
 * call of a part may carry no bytes and be followed by another with off == 0 (the processor could
 * not yet tell data from boundary), which is the same part when nothing was received yet and the
 * names are the same. */
static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	struct yc_req *r = cls;
	struct yc_upload_state *u = r->upload;
	if (u->failed)
		return MHD_NO;
	bool fresh = off == 0 && (!u->in_part || u->part_bytes > 0 || !same(key, u->part_key) ||
	                          !same(filename, u->part_filename));
	if (fresh) {
		end_part(r);
		if (u->failed)
			return MHD_NO;
		u->in_part = true;
		u->part_is_file = filename != NULL;
		u->part_key = key ? yc_strdup(r->a, key) : NULL;
		u->part_filename = filename ? yc_strdup(r->a, filename) : NULL;
		u->part_bytes = 0;
		if (u->part_is_file)
			begin_file(r, key, filename);
		else
			begin_field(r, key);
		if (u->failed)
			return MHD_NO;
	}
	u->part_bytes += size;
	if (size) {
		if (u->part_is_file)
			file_data(r, data, size);
		else
			field_data(r, data, size);
	}
	return u->failed ? MHD_NO : MHD_YES;
}

static bool has_prefix_ci(const char *s, const char *p)
{
	return strncasecmp(s, p, strlen(p)) == 0;
}

/* filename="…" of a Content-Disposition header, or NULL. */
static const char *disposition_filename(struct yc_arena *a, const char *cd)
{
	const char *p = cd ? strcasestr(cd, "filename=\"") : NULL;
	if (!p)
		return NULL;
	p += 10;
	const char *q = strchr(p, '"');
	return q ? yc_strndup(a, p, (size_t)(q - p)) : NULL;
}

static struct yc_upload_state *state(struct yc_req *r, size_t limit)
{
	if (!r->upload) {
		r->upload = yc_alloc(r->a, sizeof *r->upload);
		r->upload->limit = limit;
	}
	return r->upload;
}

enum yc_status yc_upload_start(struct yc_req *r, size_t limit, struct yc_error *e)
{
	struct yc_upload_state *u = state(r, limit);
	const char *ct =
	    MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct)
		return yc_fail(e, YC_E_BAD_INPUT, NULL,
		               "请以 multipart/form-data 上传文件（缺少 Content-Type）");
	if (has_prefix_ci(ct, "multipart/form-data")) {
		u->pp = MHD_create_post_processor(r->conn, 64 * 1024, on_part, r);
		if (!u->pp)
			return yc_fail(e, YC_E_BAD_INPUT, NULL,
			               "multipart/form-data 缺少 boundary 参数");
		return YC_OK;
	}
	if (has_prefix_ci(ct, "application/pdf") || has_prefix_ci(ct, "image/") ||
	    has_prefix_ci(ct, "application/ofd") || has_prefix_ci(ct, "application/octet-stream")) {
		const char *cd =
		    MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Disposition");
		u->in_part = u->part_is_file = true;
		begin_file(r, "file", disposition_filename(r->a, cd));
		if (u->failed) {
			*e = u->err;
			return e->status;
		}
		return YC_OK;
	}
	return yc_fail(e, YC_E_BAD_INPUT, NULL,
	               "不支持的上传格式：请以 multipart/form-data 上传，或直接发送 PDF、图片或 "
	               "OFD 文件");
}

void yc_upload_refuse(struct yc_req *r, size_t limit, const struct yc_error *e)
{
	struct yc_upload_state *u = state(r, limit);
	if (u->failed)
		return;
	u->failed = true;
	u->err = *e;
	u->w = yc_blob_abort(u->w);
}

bool yc_upload_data(struct yc_req *r, const char *data, size_t n)
{
	struct yc_upload_state *u = r->upload;
	u->received += n;
	if (!u->failed && u->received > u->limit)
		fail(r, YC_E_TOO_LARGE, NULL, yc_upload_too_large(r, u->limit));
	if (u->failed)
		return u->received <= u->limit + DRAIN_PAST;
	if (u->pp) {
		if (MHD_post_process(u->pp, data, n) != MHD_YES)
			fail(r, YC_E_BAD_INPUT, NULL, "multipart/form-data 格式错误");
	} else {
		file_data(r, data, n);
	}
	return true;
}

/* For Idempotency-Key: r->body becomes a canonical text of what was sent (files by name, size and
 * hash, then fields), so that a retry with the same files matches also when its multipart
 * boundary differs, and other files do not. */
static void fingerprint(struct yc_req *r)
{
	char *t = "";
	for (int i = 0; i < r->nuploads; i++) {
		const struct yc_upload *up = &r->uploads[i];
		const char *name = up->filename ? up->filename : "";
		t = yc_printf(r->a, "%sfile %zu:%s %zu:%s %lld %s %s\n", t, strlen(up->field),
		              up->field, strlen(name), name, (long long)up->size,
		              up->sha256[0] ? up->sha256 : "-", up->problem ? up->problem : "-");
	}
	for (int i = 0; i < r->nform; i++)
		t = yc_printf(r->a, "%sfield %zu:%s %zu:%s\n", t, strlen(r->form[i].name),
		              r->form[i].name, strlen(r->form[i].value), r->form[i].value);
	r->body = t;
	r->body_len = strlen(t);
}

enum yc_status yc_upload_done(struct yc_req *r, struct yc_error *e)
{
	struct yc_upload_state *u = r->upload;
	if (!u->failed && u->pp) {
		enum MHD_Result complete = MHD_destroy_post_processor(u->pp);
		u->pp = NULL;
		if (complete != MHD_YES)
			fail(r, YC_E_BAD_INPUT, NULL,
			     "multipart/form-data 不完整（缺少结束分隔符）");
	}
	if (!u->failed)
		end_part(r);
	if (u->failed) {
		*e = u->err;
		return e->status;
	}
	if (MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Idempotency-Key"))
		fingerprint(r);
	return YC_OK;
}

void yc_upload_release(struct yc_req *r)
{
	struct yc_upload_state *u = r->upload;
	if (!u)
		return;
	u->failed = true; /* whatever the processor still holds is not a file */
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	u->pp = NULL;
	u->w = yc_blob_abort(u->w);
}

json_t *yc_upload_json(const struct yc_upload *u)
{
	json_t *problem = u->problem ? json_pack("{s:s, s:s}", "code", u->problem, "message",
	                                         u->message ? u->message : "")
	                             : json_null();
	return json_pack("{s:s, s:o, s:o, s:I, s:o, s:o, s:o, s:o}", "field", u->field, "name",
	                 yc_jstr(u->filename), "sha256", yc_jstr(u->sha256[0] ? u->sha256 : NULL),
	                 "size", (json_int_t)u->size, "type", yc_jstr(u->type), "mime",
	                 yc_jstr(u->mime), "pages",
	                 u->pages >= 0 ? json_integer(u->pages) : json_null(), "problem", problem);
}

/* POST /api/v1/uploads/check — the 智审 pre-check of files before they are attached: each file's
 * type by content, size, pages and hash (accepted files are stored; attaching one later stores
 * nothing new). */
enum yc_status yc_h_uploads_check(struct yc_req *r, struct yc_error *e)
{
	if (r->nuploads == 0)
		return yc_fail(e, YC_E_BAD_INPUT, "file", "请选择要检查的文件");
	json_t *files = json_array();
	for (int i = 0; i < r->nuploads; i++)
		json_array_append_new(files, yc_upload_json(&r->uploads[i]));
	return yc_reply_json(r, 200, json_pack("{s:o}", "files", files));
}
