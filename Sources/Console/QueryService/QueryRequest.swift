import CacheFormat
import Rendering

/// What a one-shot command asks the query server (`QueryServer`): the command (`query`, `show`
/// or `explain`) and the options it was given, the knowledge base it found, and its
/// environment. Its standard streams travel beside the message (see `ServiceConnection`), so
/// the answer is written where the command's own would have gone.
public struct QueryRequest: Equatable, Sendable {
  public enum Kind: UInt8, Sendable {
    /// `safetykb query`: run `query` with `format` and `color`.
    case query = 1
    /// Say how many commands were answered (`safetykb daemon status`).
    case status = 2
    /// `safetykb show`: show the entries `ids` in `style`, with `color`.
    case show = 3
    /// `safetykb explain`: explain `query`.
    case explain = 4
  }

  public var kind: Kind
  /// The knowledge base's folder, absolute, as the command located it.
  public var root: String
  /// The build of the program that asks (`QueryService.program`): a server of another build
  /// would answer by other rules.
  public var program: String
  public var query: String
  public var format: Format?
  public var color: ColorChoice
  /// For `show`: the ids, and the style (nil: the command's default).
  public var ids: [String]
  public var style: EntryViewRenderer.Style?
  /// The command's whole environment: saved searches, colour and width are the command's.
  public var environment: [String: String]

  public init(
    kind: Kind, root: String = "", program: String = QueryService.program, query: String = "",
    format: Format? = nil, color: ColorChoice = .auto, ids: [String] = [],
    style: EntryViewRenderer.Style? = nil, environment: [String: String] = [:]
  ) {
    self.kind = kind
    self.root = root
    self.program = program
    self.query = query
    self.format = format
    self.color = color
    self.ids = ids
    self.style = style
    self.environment = environment
  }

  static let magic = Array("SKBQ".utf8)
  /// Raised whenever the message changes: a client and a server of different versions never
  /// understand each other wrongly; the server declines and the client answers by itself.
  static let version: UInt64 = 3
  /// The longest message a server reads (an environment is a few kilobytes).
  static let limit = 1 << 20

  /// The message: a 4-byte length (little-endian), then the magic, version and fields.
  public func encoded() -> [UInt8] {
    var writer = BinaryWriter(capacity: 4096)
    writer.raw(Self.magic)
    writer.uint(Self.version)
    writer.byte(kind.rawValue)
    writer.string(root)
    writer.string(program)
    writer.string(query)
    writer.optionalString(format?.rawValue)
    writer.string(color.rawValue)
    writer.strings(ids)
    writer.optionalString(style?.rawValue)
    let names = environment.keys.sorted()
    writer.uint(UInt64(names.count))
    for name in names {
      writer.string(name)
      writer.string(environment[name] ?? "")
    }
    let body = writer.bytes
    let n = UInt32(body.count)
    return [UInt8(n & 0xff), UInt8(n >> 8 & 0xff), UInt8(n >> 16 & 0xff), UInt8(n >> 24)] + body
  }

  /// The length a message's first four bytes announce; nil when over `limit`.
  static func length(of prefix: ArraySlice<UInt8>) -> Int? {
    guard prefix.count >= 4 else { return nil }
    let i = prefix.startIndex
    let n =
      Int(prefix[i]) | Int(prefix[i + 1]) << 8 | Int(prefix[i + 2]) << 16
      | Int(prefix[i + 3]) << 24
    return n <= limit ? n : nil
  }

  /// The request in a message's body (without its length); nil for anything else: another
  /// version, a foreign or damaged message, bytes left over.
  public static func decode(_ body: [UInt8]) -> QueryRequest? {
    guard body.count >= magic.count, Array(body.prefix(magic.count)) == magic else { return nil }
    var reader = BinaryReader(body, from: magic.count)
    do throws(BinaryReader.Damaged) {
      guard try reader.uint() == version, let kind = Kind(rawValue: try reader.byte()) else {
        return nil
      }
      let root = try reader.string()
      let program = try reader.string()
      let query = try reader.string()
      let formatName = try reader.optionalString()
      let format = formatName.flatMap(Format.init(rawValue:))
      guard formatName == nil || format != nil,
        let color = ColorChoice(rawValue: try reader.string())
      else { return nil }
      let ids = try reader.strings()
      let styleName = try reader.optionalString()
      let style = styleName.flatMap(EntryViewRenderer.Style.init(rawValue:))
      guard styleName == nil || style != nil else { return nil }
      let count = try reader.count(unit: 2)
      var environment: [String: String] = [:]
      for _ in 0..<count {
        let name = try reader.string()
        environment[name] = try reader.string()
      }
      guard reader.isAtEnd else { return nil }
      return QueryRequest(
        kind: kind, root: root, program: program, query: query, format: format, color: color,
        ids: ids, style: style, environment: environment)
    } catch {
      return nil
    }
  }
}
