import CacheFormat
import Foundation
import KnowledgeModel

/// Reads and decodes an index cache file on another thread while the knowledge base itself is
/// loading, so a warm start uses both cores. The result is only a candidate: `SearchIndex.cached`
/// uses it when its content key matches the loaded knowledge base, and reads or builds the index
/// the usual way otherwise.
public final class IndexPrefetch: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var value: (key: UInt64, index: SearchIndex)?

  /// Starts reading `path` in the background.
  public init(path: String) {
    let thread = Thread { [self] in
      if let file = CacheFile.open(path), let key = try? SearchIndex.readKey(&file.payload),
        let index = try? SearchIndex(afterKey: file)
      {
        value = (key, index)
      }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The key and index read, once the thread is done (nil when there was no usable file).
  func result() -> (key: UInt64, index: SearchIndex)? {
    done.wait()
    done.signal()
    return value
  }
}
