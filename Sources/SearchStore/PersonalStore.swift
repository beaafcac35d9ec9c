import SystemIO

/// The user's own store (`$XDG_CONFIG_HOME/safetykb/searches.yaml` by default). Every change runs
/// under an exclusive lock: read the current file, change the one search, write atomically. A file
/// that cannot be parsed is never overwritten.
public struct PersonalStore: Sendable, Equatable {
  public let path: String

  public init(path: String) {
    self.path = path
  }

  /// The searches it holds and the problems found (see `SharedStore.load`).
  public func load() -> (searches: [SavedSearch], problems: [StoreProblem]) {
    StoreFile.load(path)
  }

  /// Runs `change` on the current contents under the lock, then writes the result when `change`
  /// returns `write: true`. The file and its folder (0700) are created on the first write; a new
  /// file gets mode 0600, a rewritten one keeps its mode.
  func modify<T>(
    _ action: StoreAction,
    _ change: (inout StoreDocument) throws(SearchStoreError) -> (result: T, write: Bool)
  ) throws(SearchStoreError) -> T {
    let folder = Files.folder(of: path)
    do {
      if action == .save { try FileIO.makeDirectories(folder) }
      if action == .delete, FileIO.mode(path) == nil {
        var empty = StoreDocument(path: path)
        return try change(&empty).result
      }
    } catch let error as SystemError {
      throw .ioFailed(action, path: path, message: error.message)
    } catch let error as SearchStoreError {
      throw error
    } catch {
      throw .ioFailed(action, path: path, message: "\(error)")
    }
    do {
      return try FileLock.withExclusiveLock(on: path) {
        try locked(action, change)
      }
    } catch let error as SearchStoreError {
      throw error
    } catch let error as SystemError {
      throw .ioFailed(action, path: path, message: error.message)
    } catch {
      throw .ioFailed(action, path: path, message: "\(error)")
    }
  }

  private func locked<T>(
    _ action: StoreAction,
    _ change: (inout StoreDocument) throws(SearchStoreError) -> (result: T, write: Bool)
  ) throws -> T {
    var document: StoreDocument
    do {
      document = try StoreFile.read(path) ?? StoreDocument(path: path)
    } catch {
      throw SearchStoreError.unreadable(action, error)
    }
    let (result, write) = try change(&document)
    guard write else { return result }
    let text: String
    do {
      text = try document.serialized()
    } catch {
      throw SystemError(message: "could not write YAML: \(error)")
    }
    // libyaml reads some documents it cannot write back the same (a tag on a key is dropped,
    // so two keys become one duplicate key): a rewrite that would not read back with the same
    // searches is refused, never written.
    guard let reread = try? StoreDocument(text: text, path: path),
      reread.searches().searches == document.searches().searches
    else {
      throw SystemError(
        message:
          "the file uses YAML that cannot be written back as it was read (a tag on a key?); edit it by hand"
      )
    }
    try FileIO.replace(Array(text.utf8), at: path, mode: FileIO.mode(path) ?? 0o600)
    return result
  }
}
