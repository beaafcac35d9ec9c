import CLibEdit

// C callbacks cannot capture Swift state: each finds its LineEditor through EL_CLIENTDATA.

private func editor(_ el: OpaquePointer?) -> LineEditor? {
  guard let el, let data = skb_el_get_clientdata(el) else { return nil }
  return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
}

let lineEditorPrompt: skb_prompt_fn = { el in
  editor(el)?.promptStorage
}

/// Ctrl-C: mark the line as cancelled, show `^C` and end the line as Enter would (so libedit
/// moves below the line and resets its display). `readLine` then discards it.
let lineEditorCancel: skb_command_fn = { el, _ in
  guard let el, let editor = editor(el) else { return UInt8(CC_ERROR) }
  editor.cancelled = true
  _ = skb_el_cursor(el, 1 << 20)  // to the end, so the newline goes below everything typed
  _ = LineEditor.withWide("^C") { skb_el_winsertstr(el, $0) }
  LineEditor.withWide("\n") { skb_el_wpush(el, $0) }
  return UInt8(CC_REFRESH)
}

let lineEditorComplete: skb_command_fn = { el, _ in
  guard let el, let editor = editor(el) else { return UInt8(CC_ERROR) }
  return editor.complete(el)
}

extension LineEditor {
  /// The line and the cursor (in Characters) as libedit holds them now.
  func currentLine(_ el: OpaquePointer) -> (line: String, cursor: Int, scalarCursor: Int) {
    guard let info = skb_el_wline(el) else { return ("", 0, 0) }
    let buffer = info.pointee.buffer!
    let length = buffer.distance(to: info.pointee.lastchar)
    let scalarCursor = buffer.distance(to: info.pointee.cursor)
    let line = LineEditor.string(buffer, count: length)
    let before = LineEditor.string(buffer, count: scalarCursor)
    return (line, before.count, scalarCursor)
  }

  func complete(_ el: OpaquePointer) -> UInt8 {
    guard let completer else { return UInt8(CC_ERROR) }
    let (line, cursor, _) = currentLine(el)
    let completion = completer(line, cursor)
    switch CompletionPlanner.step(line: line, cursor: cursor, completion: completion) {
    case .beep:
      return UInt8(CC_ERROR)
    case .replace(let from, let to, let text):
      let characters = Array(line)
      let removed = String(characters[from..<to]).unicodeScalars.count
      if removed > 0 { skb_el_deletestr(el, Int32(removed)) }
      if !text.isEmpty, LineEditor.withWide(text, { skb_el_winsertstr(el, $0) }) != 0 {
        return UInt8(CC_ERROR)
      }
      return UInt8(CC_REFRESH)
    case .list(let candidates):
      let size = TerminalInfo.windowSize()
      let lines = CandidateColumns.lines(
        candidates, width: size.columns > 0 ? size.columns : 80,
        maxLines: max(size.rows > 0 ? size.rows - 2 : 22, 2))
      skb_write_stdout("\n" + lines.joined(separator: "\n") + "\n")
      return UInt8(CC_REDISPLAY)
    }
  }
}
