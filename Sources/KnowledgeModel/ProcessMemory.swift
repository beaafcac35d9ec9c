import CSocket

/// The process's heap.
public enum ProcessMemory {
  /// Hands memory freed since the last time back to the system. glibc keeps freed memory for
  /// itself (in every thread's arena, and below anything still held at the top of a heap); after
  /// a stage that freed much of what it made, this is what lets the next stage's peak not sit on
  /// top of it.
  public static func giveBack() { skb_trim_memory() }

  /// Gives every block of 4 MiB or more pages of its own, handed back to the system when it is
  /// freed, for the whole process. glibc otherwise raises that threshold to the size of any
  /// such block freed (up to 32 MiB), and after that keeps large arrays in its heap: a build
  /// that makes and frees one large array after another (the posting lists, a range of stems at
  /// a time) would then hold the memory of those already written. At 100,000 entries this
  /// lowers a first run's peak from 389 to 365 MB.
  public static func keepLargeBlocksApart() { skb_set_mmap_threshold(4 << 20) }
}
