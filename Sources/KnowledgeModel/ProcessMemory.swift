import CSocket

/// The process's heap.
public enum ProcessMemory {
  /// Hands memory freed since the last time back to the system. glibc keeps freed memory for
  /// itself (in every thread's arena, and below anything still held at the top of a heap); after
  /// a stage that freed much of what it made, this is what lets the next stage's peak not sit on
  /// top of it.
  public static func giveBack() { skb_trim_memory() }
}
