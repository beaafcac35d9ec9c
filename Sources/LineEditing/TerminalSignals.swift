import CLibEdit

/// The process's SIGINT and SIGWINCH flags. The handlers only set a flag: SIGINT never ends the
/// program, and a blocking read is interrupted (EINTR) so a long command can notice Ctrl-C.
///
/// This is the only file that may call the shim's signal functions (their flags are `static`).
public enum TerminalSignals {
  /// Installs both handlers. Idempotent.
  public static func install() {
    _ = skb_install_sigint_handler()
    _ = skb_install_sigwinch_handler()
  }

  /// Makes `el` read keys through the shim's signal-aware reader (SIGINT becomes the key ^C,
  /// SIGWINCH resizes) and binds ^Z to suspend with the terminal restored.
  static func attachReader(to el: OpaquePointer) {
    _ = skb_el_set_reader(el)
    _ = skb_el_addfn(el, "skb-suspend", "Suspend (Ctrl-Z)", skb_suspend)
    _ = skb_el_bind(el, "^Z", "skb-suspend")
    _ = skb_el_bind_alternate(el, "^Z", "skb-suspend")
  }

  /// True once for each Ctrl-C (SIGINT) received since the last call.
  public static func takeInterrupt() -> Bool { skb_take_sigint() != 0 }

  /// True once after the terminal was resized; read `TerminalInfo.windowSize()` again then.
  public static func takeResize() -> Bool { skb_take_sigwinch() != 0 }
}
