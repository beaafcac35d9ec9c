#ifndef SAFETYKB_CCMARKGFM_SHIM_H
#define SAFETYKB_CCMARKGFM_SHIM_H
#include <stdlib.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/// A parser with GitHub's table, strikethrough and autolink extensions attached. Options are
/// cmark's defaults: safe, so raw HTML and dangerous link destinations are never rendered.
static inline cmark_parser *safetykb_cmark_parser(void) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  const char *names[] = {"table", "strikethrough", "autolink"};
  for (int i = 0; i < 3; i++) {
    cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
    if (extension) cmark_parser_attach_syntax_extension(parser, extension);
  }
  return parser;
}

/// HTML for a parsed document, in safe mode, with the parser's extensions.
static inline char *safetykb_cmark_html(cmark_parser *parser, cmark_node *document) {
  return cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
}

/// CommonMark for a parsed document (no line wrapping).
static inline char *safetykb_cmark_commonmark(cmark_node *document) {
  return cmark_render_commonmark(document, CMARK_OPT_DEFAULT, 0);
}

static inline void safetykb_cmark_free(char *text) { free(text); }
#endif
