import Foundation

/// A value made the first time it is asked for, then kept, whichever thread asks first: the parts
/// of an index file are read when a query first needs them, once.
public final class Memo<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value?
  private let make: @Sendable () -> Value

  public init(_ make: @escaping @Sendable () -> Value) { self.make = make }

  public init(value: Value) {
    self.value = value
    make = { value }
  }

  public var get: Value {
    lock.lock()
    defer { lock.unlock() }
    if let value { return value }
    let made = make()
    value = made
    return made
  }
}
