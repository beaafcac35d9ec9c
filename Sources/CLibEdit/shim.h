#ifndef SAFETYKB_CLIBEDIT_SHIM_H
#define SAFETYKB_CLIBEDIT_SHIM_H

// Typed wrappers around libedit's variadic calls, which Swift cannot call directly.
// C globals (stdin, stdout, stderr) are reached here, because Swift 6 refuses to touch them.

#include <histedit.h>
#include <locale.h>
#include <stdio.h>

typedef char *(*skb_prompt_fn)(EditLine *);
typedef unsigned char (*skb_command_fn)(EditLine *, int);

static inline EditLine *skb_el_init(const char *program) {
  return el_init(program, stdin, stdout, stderr);
}

static inline int skb_el_set_prompt(EditLine *el, skb_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
static inline int skb_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int skb_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int skb_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int skb_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *skb_el_get_clientdata(EditLine *el) {
  void *data = NULL;
  el_get(el, EL_CLIENTDATA, &data);
  return data;
}
static inline int skb_el_addfn(EditLine *el, const char *name, const char *help, skb_command_fn fn) {
  return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int skb_el_bind(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, key, command, NULL);
}
static inline int skb_el_source(EditLine *el, const char *path) { return el_source(el, path); }

static inline History *skb_history_init(void) { return history_init(); }
static inline void skb_history_end(History *h) { history_end(h); }
static inline int skb_history_setsize(History *h, int size) {
  HistEvent ev;
  return history(h, &ev, H_SETSIZE, size);
}
static inline int skb_history_setunique(History *h, int on) {
  HistEvent ev;
  return history(h, &ev, H_SETUNIQUE, on);
}
static inline int skb_history_enter(History *h, const char *line) {
  HistEvent ev;
  return history(h, &ev, H_ENTER, line);
}
static inline int skb_history_clear(History *h) {
  HistEvent ev;
  return history(h, &ev, H_CLEAR);
}

#endif
