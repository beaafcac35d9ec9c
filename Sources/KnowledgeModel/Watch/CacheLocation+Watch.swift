extension CacheLocation {
  /// The state folder of the watch daemon of the knowledge base in `root` (as the user named
  /// it): beside its cache files, `NAME-KEY.watch`.
  public func watchFolder(forRoot root: String) -> String {
    let entries = files(for: CacheLocation.absolute(root)).entries
    return String(entries.dropLast(".entries".count)) + ".watch"
  }
}
