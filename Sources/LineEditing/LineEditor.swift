import CLibEdit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `LineEditor.readLine(prompt:)` got.
public enum ReadResult: Sendable, Equatable {
  /// A line, without its newline.
  case line(String)
  /// Ctrl-D on an empty line, or the end of piped input.
  case endOfInput
  /// Ctrl-C at the prompt: the typed text was discarded; show a new prompt.
  case interrupted
}

/// Computes completions for `(line, cursor)`, the cursor in `Character`s.
public typealias CompletionCallback = @Sendable (_ line: String, _ cursor: Int) -> Completion

/// An interactive line editor over libedit: prompt, Emacs bindings (or the user's `~/.editrc`,
/// e.g. `bind -v`), Ctrl-R backward search, Tab completion and a persisted history.
///
/// ```swift
/// let editor = LineEditor(program: "safetykb",
///                         historyFile: LineEditor.defaultHistoryPath(environment: env),
///                         completer: { line, cursor in shell.complete(line, cursor) })
/// loop: while true {
///   switch editor.readLine(prompt: "skb> ") {
///   case .line(let line): shell.run(line)
///   case .interrupted: continue
///   case .endOfInput: break loop
///   }
/// }
/// ```
///
/// One editor per process; use it from one thread.
public final class LineEditor {
  public let program: String
  public let completer: CompletionCallback?
  public private(set) var history: HistoryFile?
  /// Standard input is a terminal: lines are edited, and entered lines go to the history.
  public let isTerminal: Bool

  let el: OpaquePointer
  let libeditHistory: OpaquePointer
  var promptStorage: UnsafeMutablePointer<CChar>
  /// Set by the Ctrl-C key function; read after `el_wgets` returns.
  var cancelled = false
  /// The line and cursor at the last Tab that changed nothing (two Tabs in a row list).

  /// - Parameters:
  ///   - historyFile: where history is kept (see `defaultHistoryPath(environment:)`); nil keeps
  ///     history for this session only.
  ///   - completer: a pure function giving Tab completions; nil makes Tab insert nothing.
  public init(program: String, historyFile: String?, completer: CompletionCallback? = nil) {
    _ = skb_setlocale_ctype_utf8()
    TerminalSignals.install()
    self.program = program
    self.completer = completer
    isTerminal = isatty(0) == 1
    el = skb_el_init(program)
    libeditHistory = skb_history_init()
    promptStorage = strdup("> ")
    _ = skb_history_setsize(libeditHistory, 1000)
    _ = skb_history_setunique(libeditHistory, 1)
    if let historyFile {
      let file = HistoryFile(path: historyFile)
      for entry in file.load() { _ = skb_history_enter(libeditHistory, entry) }
      history = file
    }
    configure()
  }

  deinit {
    el_end(el)
    skb_history_end(libeditHistory)
    free(promptStorage)
  }

  private func configure() {
    _ = skb_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
    _ = skb_el_set_prompt(el, lineEditorPrompt)
    _ = skb_el_set_history(el, libeditHistory)
    _ = skb_el_set_editor(el, "emacs")
    // Not EL_SIGNAL: on SIGINT libedit's handler switches to cooked mode and read() is retried,
    // so the rest of the line is typed in canonical mode. Our reader handles signals instead.
    _ = skb_el_set_signal(el, 0)
    _ = skb_el_bind(el, "^R", "em-inc-search-prev")
    _ = skb_el_source(el, nil)  // ~/.editrc (or $EDITRC): `bind -v` gives vi mode
    if let mode = skb_el_get_editor(el), String(cString: mode) == "vi" {
      // `bind -v` rebuilt the key maps: Ctrl-R searches backwards in vi mode too.
      _ = skb_el_bind(el, "^R", "em-inc-search-prev")
      _ = skb_el_bind_alternate(el, "^R", "em-inc-search-prev")
    }
    _ = skb_el_addfn(el, "skb-complete", "SafetyKB completion", lineEditorComplete)
    _ = skb_el_addfn(el, "skb-cancel", "Discard the line (Ctrl-C)", lineEditorCancel)
    _ = skb_el_bind(el, "^I", "skb-complete")
    // ^C reaches us as a key instead of SIGINT while editing: no signal races with read().
    _ = skb_el_setty_edit_noisig(el)
    _ = skb_el_bind(el, "^C", "skb-cancel")
    _ = skb_el_bind_alternate(el, "^C", "skb-cancel")
    TerminalSignals.attachReader(to: el)
  }

  /// Shows `prompt` and reads one line. When standard input is a terminal, adds the line to the
  /// history (see `HistoryFile` for which lines are stored); piped lines are not recorded.
  public func readLine(prompt: String) -> ReadResult {
    free(promptStorage)
    promptStorage = strdup(prompt)
    cancelled = false
    _ = TerminalSignals.takeInterrupt()
    // libedit prints the prompt and only then makes the terminal raw (in el_wgetc): a key typed
    // right after the prompt appeared would still meet cooked mode (^D lost as a canonical EOF,
    // Tab echoed). Go raw first; el_wgets then finds the terminal ready.
    if isTerminal { _ = skb_el_prep_term(el, 1) }
    // Back to the terminal's normal mode when the line is read: while a command runs, Ctrl-C must
    // be a signal (to stop long output) and typed-ahead keys must echo as usual.
    defer { if isTerminal { _ = skb_el_prep_term(el, 0) } }
    var count: Int32 = 0
    guard let wide = skb_el_wgets(el, &count) else {
      if cancelled || TerminalSignals.takeInterrupt() {
        skb_write_stdout("\n")
        return .interrupted
      }
      if isTerminal { skb_write_stdout("\n") }  // after libedit's "^D"
      return .endOfInput
    }
    var line = Self.string(wide, count: Int(count))
    if cancelled { return .interrupted }
    if line.hasSuffix("\n") { line.removeLast() }
    if line.hasSuffix("\r") { line.removeLast() }
    if isTerminal { addToHistory(line) }
    return .line(line)
  }

  /// Adds `line` to the in-memory history and the file, by the history rules.
  public func addToHistory(_ line: String) {
    guard let first = line.first, first != " " else { return }
    if let history {
      if history.shouldStore(line) { _ = history.add(line) } else { return }
    }
    _ = skb_history_enter(libeditHistory, line)
  }

  static func string(_ wide: UnsafePointer<wchar_t>, count: Int) -> String {
    var out = String.UnicodeScalarView()
    for index in 0..<count {
      if let scalar = Unicode.Scalar(UInt32(bitPattern: Int32(wide[index]))) { out.append(scalar) }
    }
    return String(out)
  }

  static func withWide<R>(_ text: String, _ body: (UnsafePointer<wchar_t>) -> R) -> R {
    var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
    wide.append(0)
    return wide.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}
