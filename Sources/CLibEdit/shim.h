#ifndef SAFETYKB_CLIBEDIT_SHIM_H
#define SAFETYKB_CLIBEDIT_SHIM_H

// Typed wrappers around libedit's variadic calls, which Swift cannot call directly.
// C globals (stdin, stdout, stderr) are reached here, because Swift 6 refuses to touch them.
// Signal handlers live here too: they only set `volatile sig_atomic_t` flags.

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
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
/// "emacs" or "vi" (after ~/.editrc may have said `bind -v`).
static inline const char *skb_el_get_editor(EditLine *el) {
  const char *mode = NULL;
  el_get(el, EL_EDITOR, &mode);
  return mode;
}
static inline int skb_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }
static inline int skb_el_source(EditLine *el, const char *path) { return el_source(el, path); }

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
static volatile sig_atomic_t skb_sigwinch_flag = 0;         // for the shell (takeResize)
static volatile sig_atomic_t skb_sigwinch_editor_flag = 0;  // for the reader below

/// Self-pipe: the handlers write a byte so that the reader's poll wakes up even when the
/// signal is delivered to another thread of the process (Swift runtimes have several).
static int skb_signal_pipe[2] = {-1, -1};

static inline void skb_signal_wake(void) {
  if (skb_signal_pipe[1] >= 0) {
    int saved = errno;
    char byte = 1;
    ssize_t ignored = write(skb_signal_pipe[1], &byte, 1);
    (void)ignored;
    errno = saved;
  }
}
static inline void skb_sigint_handler(int signo) {
  (void)signo;
  skb_sigint_flag = 1;
  skb_signal_wake();
}
static inline void skb_sigwinch_handler(int signo) {
  (void)signo;
  skb_sigwinch_flag = 1;
  skb_sigwinch_editor_flag = 1;
  skb_signal_wake();
}
static inline void skb_make_signal_pipe(void) {
  if (skb_signal_pipe[0] < 0 && pipe2(skb_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    skb_signal_pipe[0] = skb_signal_pipe[1] = -1;
  }
}

/// SIGINT sets a flag and never ends the process. No SA_RESTART: a blocking read returns EINTR,
/// so a long-running command can notice the flag.
static inline int skb_install_sigint_handler(void) {
  skb_make_signal_pipe();
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = skb_sigint_handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  return sigaction(SIGINT, &sa, NULL);
}
static inline int skb_install_sigwinch_handler(void) {
  skb_make_signal_pipe();
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = skb_sigwinch_handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // interrupt the reader's ppoll so it resizes at once
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

/// libedit's character reader (EL_GETCFN), replacing its own so that signals are handled
/// without EL_SIGNAL (whose SIGINT handling switches the terminal to cooked mode and retries the
/// read, leaving the rest of the line typed in canonical mode). It polls the input and the
/// signal self-pipe, so a signal caught by any thread wakes it:
/// - SIGINT (e.g. `kill -INT`; a keyboard ^C arrives as a key, see skb_el_setty_edit_noisig)
///   becomes the key ^C, which the editor binds to its cancel function;
/// - SIGWINCH calls el_resize.
/// Bytes are decoded with mbrtowc in the current (UTF-8) locale.
static inline int skb_read_char(EditLine *el, wchar_t *out) {
  int fd = fileno(stdin);
  char bytes[MB_LEN_MAX];
  size_t count = 0;
  mbstate_t state;
  for (;;) {
    if (skb_sigint_flag && count == 0) {
      skb_sigint_flag = 0;
      *out = 3;  // ^C
      return 1;
    }
    if (skb_sigwinch_editor_flag) {
      skb_sigwinch_editor_flag = 0;
      el_resize(el);
    }
    struct pollfd p[2] = {{fd, POLLIN, 0}, {skb_signal_pipe[0], POLLIN, 0}};
    int ready = poll(p, skb_signal_pipe[0] >= 0 ? 2 : 1, -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      *out = 0;
      return -1;
    }
    if (skb_signal_pipe[0] >= 0 && (p[1].revents & POLLIN)) {
      char drain[64];
      while (read(skb_signal_pipe[0], drain, sizeof drain) > 0) {}
    }
    if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    unsigned char byte;
    ssize_t got = read(fd, &byte, 1);
    if (got == 0) {
      *out = 0;
      return 0;
    }
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      *out = 0;
      return -1;
    }
    bytes[count++] = (char)byte;
    wchar_t wc = 0;
    memset(&state, 0, sizeof state);  // decode the whole sequence again from a fresh state
    size_t used = mbrtowc(&wc, bytes, count, &state);
    if (used == (size_t)-2 && count < sizeof bytes) continue;  // incomplete sequence
    if (used == (size_t)-1 || used == (size_t)-2) {
      *out = (wchar_t)(unsigned char)bytes[0];  // invalid: pass the first byte through
      return 1;
    }
    *out = wc;
    return 1;
  }
}
static inline int skb_el_set_reader(EditLine *el) { return el_set(el, EL_GETCFN, skb_read_char); }
/// EL_PREP_TERM: 1 puts the terminal in edit (raw) mode, 0 restores it.
static inline int skb_el_prep_term(EditLine *el, int on) { return el_set(el, EL_PREP_TERM, on); }
/// Ctrl-Z while editing (ISIG is off, so it arrives as a key): restore the terminal, stop like
/// the terminal driver would, and take the terminal back when continued.
static inline unsigned char skb_suspend(EditLine *el, int ch) {
  (void)ch;
  skb_el_prep_term(el, 0);
  // raise, not kill(0, ...): a process-directed signal may be taken by another thread after
  // kill returned, so we would go raw again before stopping. raise stops before it returns,
  // provided this thread does not block SIGTSTP (libdispatch worker threads, where Swift
  // concurrency runs, block it): unblock it for the call.
  sigset_t tstp, previous;
  sigemptyset(&tstp);
  sigaddset(&tstp, SIGTSTP);
  pthread_sigmask(SIG_UNBLOCK, &tstp, &previous);
  raise(SIGTSTP);
  pthread_sigmask(SIG_SETMASK, &previous, NULL);
  skb_el_prep_term(el, 1);
  return CC_REDISPLAY;
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
