import CacheFormat
import Foundation
import KnowledgeModel

/// Opens an index file on another thread while the knowledge base itself is loading, and reads
/// the parts nearly every query needs (the listing, the title order), so a warm start uses both
/// cores. The result is only a candidate: `SearchIndex.cached` uses it when its content key
/// matches the loaded knowledge base, and opens or builds the index the usual way otherwise.
public final class IndexPrefetch: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var value: SearchIndex?

  /// Starts reading `path` in the background.
  public init(path: String) {
    let thread = Thread { [self] in
      if let file = IndexFile.open(path), let index = SearchIndex(file: file) {
        _ = index.listing
        _ = index.titleRank
        _ = index.titleOrder
        value = index
      }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The index opened, once the thread is done (nil when there was no usable file).
  func result() -> SearchIndex? {
    done.wait()
    done.signal()
    return value
  }
}
