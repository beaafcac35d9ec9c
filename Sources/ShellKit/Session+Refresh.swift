extension Session {
  /// Takes in files this session changed itself, without a word.
  func refreshQuietly() {
    if let fresh = try? load(kbPath) { adopt(fresh) }
  }
}
