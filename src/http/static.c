/* static.c — the built front end (web/dist): files by path, index.html for every other page so
 * that the single-page application's own router decides (history mode). */
#include "http.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *content_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {".html", "text/html; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".mjs", "text/javascript; charset=utf-8"},
	    {".css", "text/css; charset=utf-8"},
	    {".json", "application/json; charset=utf-8"},
	    {".svg", "image/svg+xml"},
	    {".png", "image/png"},
	    {".jpg", "image/jpeg"},
	    {".ico", "image/x-icon"},
	    {".woff", "font/woff"},
	    {".woff2", "font/woff2"},
	    {".ttf", "font/ttf"},
	    {".txt", "text/plain; charset=utf-8"},
	    {".map", "application/json"},
	};
	const char *dot = strrchr(path, '.');
	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcmp(dot, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

/* A path is safe when no segment is "..", "." or hidden, and it has no backslash or NUL. */
static bool safe_path(const char *p)
{
	if (p[0] != '/' || strchr(p, '\\'))
		return false;
	for (const char *s = p; s && *s;) {
		s++; /* skip '/' */
		if (s[0] == '.')
			return false;
		s = strchr(s, '/');
	}
	return true;
}

static enum yc_status send_file(struct yc_req *r, const char *file, bool immutable,
                                struct yc_error *e)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, NULL);
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return yc_fail(e, YC_E_NOT_FOUND, NULL, NULL);
	}
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (!resp) {
		close(fd);
		return yc_fail(e, YC_E_INTERNAL, NULL, NULL);
	}
	MHD_add_response_header(resp, "Content-Type", content_type(file));
	MHD_add_response_header(resp, "Cache-Control",
	                        immutable ? "public, max-age=31536000, immutable" : "no-cache");
	r->response = resp;
	r->status = 200;
	return YC_OK;
}

enum yc_status yc_serve_static(struct yc_req *r, struct yc_error *e)
{
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, NULL);
	const char *root = r->cfg->web_root;
	if (!root)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "前端页面未构建");
	if (safe_path(r->path) && strcmp(r->path, "/") != 0) {
		char *file = yc_printf(r->a, "%s%s", root, r->path);
		bool immutable = strncmp(r->path, "/assets/", 8) == 0;
		if (send_file(r, file, immutable, e) == YC_OK)
			return YC_OK;
		/* A missing asset is a 404, not the page: a browser would parse HTML as script. */
		if (immutable || strrchr(r->path, '.') > strrchr(r->path, '/'))
			return yc_fail(e, YC_E_NOT_FOUND, NULL, "文件不存在");
	}
	char *index = yc_printf(r->a, "%s/index.html", root);
	if (send_file(r, index, false, e) != YC_OK)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "前端页面未构建（请先运行 make build）");
	return YC_OK;
}
