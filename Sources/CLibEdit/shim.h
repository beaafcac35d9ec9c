#ifndef SAFETYKB_CLIBEDIT_SHIM_H
#define SAFETYKB_CLIBEDIT_SHIM_H

// Typed wrappers around libedit's variadic calls, which Swift cannot call directly.
// C globals (stdin, stdout, stderr) are reached here, because Swift 6 refuses to touch them.
// Signal handlers live here too: they only set `volatile sig_atomic_t` flags.

#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

typedef char *(*skb_prompt_fn)(EditLine *);
typedef unsigned char (*skb_command_fn)(EditLine *, int);

// MARK: locale

/// Sets LC_CTYPE from the environment; when that yields no UTF-8 code set (LANG unset, or a
/// locale that is not installed), falls back to C.UTF-8 so that libedit still decodes UTF-8.
/// Returns 1 when the resulting code set is UTF-8.
static inline int skb_setlocale_ctype_utf8(void) {
  setlocale(LC_CTYPE, "");
  const char *cs = nl_langinfo(CODESET);
  if (cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0)) return 1;
  if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "C.utf8");
  cs = nl_langinfo(CODESET);
  return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

// MARK: EditLine

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
/// Binds `key` (e.g. "^I") to `command` in the current key map.
static inline int skb_el_bind(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, key, command, NULL);
}
/// Binds `key` in vi command mode's ("alternate") key map.
static inline int skb_el_bind_alternate(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, "-a", key, command, NULL);
}
/// `setty -d -isig`: in edit mode the terminal no longer turns ^C into SIGINT, so ^C arrives as
/// a key that can be bound. Cooked mode (while a command runs) keeps ISIG.
static inline int skb_el_setty_edit_noisig(EditLine *el) {
  return el_set(el, EL_SETTY, "-d", "-isig", NULL);
}
static inline int skb_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }
static inline int skb_el_source(EditLine *el, const char *path) { return el_source(el, path); }
/// 1 when libedit edits (terminal), 0 when it reads plain lines (pipe, dumb terminal).
static inline int skb_el_editmode(EditLine *el) {
  int on = 0;
  el_get(el, EL_EDITMODE, &on);
  return on;
}

/// Reads a line as wide characters (UTF-32 on Linux). NULL on end of input or error; `*count`
/// is then 0 (end of input) or -1 (error, e.g. EINTR).
static inline const wchar_t *skb_el_wgets(EditLine *el, int *count) { return el_wgets(el, count); }
static inline const LineInfoW *skb_el_wline(EditLine *el) { return el_wline(el); }
static inline int skb_el_winsertstr(EditLine *el, const wchar_t *s) { return el_winsertstr(el, s); }
static inline void skb_el_deletestr(EditLine *el, int n) { el_deletestr(el, n); }
/// Moves the cursor by `n` characters (clamped); returns the new position.
static inline int skb_el_cursor(EditLine *el, int n) { return el_cursor(el, n); }
static inline void skb_el_wpush(EditLine *el, const wchar_t *s) { el_wpush(el, s); }

// MARK: History (narrow: libedit converts with the UTF-8 locale)

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
static inline int skb_history_length(History *h) {
  HistEvent ev;
  if (history(h, &ev, H_GETSIZE) < 0) return -1;
  return ev.num;
}

// MARK: output

static inline void skb_write_stdout(const char *text) {
  fputs(text, stdout);
  fflush(stdout);
}
static inline void skb_write_stderr(const char *text) {
  fputs(text, stderr);
  fflush(stderr);
}

// MARK: signals
//
// The flags are `static`, so every Swift file that calls these functions would get its own copy:
// only Sources/LineEditing/TerminalSignals.swift may call them.

static volatile sig_atomic_t skb_sigint_flag = 0;
static volatile sig_atomic_t skb_sigwinch_flag = 0;

static inline void skb_sigint_handler(int signo) { (void)signo; skb_sigint_flag = 1; }
static inline void skb_sigwinch_handler(int signo) { (void)signo; skb_sigwinch_flag = 1; }

/// SIGINT sets a flag and never ends the process. No SA_RESTART: a blocking read returns EINTR,
/// so a long-running command can notice the flag.
static inline int skb_install_sigint_handler(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = skb_sigint_handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  return sigaction(SIGINT, &sa, NULL);
}
static inline int skb_install_sigwinch_handler(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = skb_sigwinch_handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  return sigaction(SIGWINCH, &sa, NULL);
}
/// Returns 1 and clears the flag when SIGINT arrived since the last call.
static inline int skb_take_sigint(void) {
  int was = skb_sigint_flag != 0;
  skb_sigint_flag = 0;
  return was;
}
static inline int skb_take_sigwinch(void) {
  int was = skb_sigwinch_flag != 0;
  skb_sigwinch_flag = 0;
  return was;
}

// MARK: terminal size

/// Columns and rows of the terminal on `fd`, or 0 when unknown.
static inline int skb_window_size(int fd, int *columns, int *rows) {
  struct winsize ws;
  memset(&ws, 0, sizeof ws);
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) {
    *columns = 0;
    *rows = 0;
    return -1;
  }
  *columns = ws.ws_col;
  *rows = ws.ws_row;
  return 0;
}

#endif
