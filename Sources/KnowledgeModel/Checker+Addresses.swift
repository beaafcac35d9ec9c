import Foundation

/// Checks on source addresses that need no network: a copy, proxy or staging host where the
/// publisher's own page belongs, plain `http` on a site known to serve `https`, tracking
/// parameters, and one address cited under two titles.
enum AddressCheck {
  /// Hosts that copy or proxy other publishers' documents (document mirrors, SEO copies, web
  /// caches). Matched against the host and its parent domains.
  static let copyHosts: Set<String> = [
    "scribd.com", "vdocuments.mx", "vdocuments.net", "vdocuments.site", "docsbay.net",
    "pdfslide.net", "slideshare.net", "dokumen.pub", "documents.pub", "fdocuments.in",
    "fdocuments.us", "studylib.net", "coursehero.com", "yumpu.com", "docplayer.net",
    "pdfcoffee.com", "silo.tips", "kipdf.com", "epdf.pub", "readkong.com", "archive.ph",
    "archive.today", "webcache.googleusercontent.com", "translate.goog", "cyberleninka.ru",
  ]

  /// Sites known to serve `https` (besides every .gov, .mil and .edu host), from the addresses
  /// this knowledge base cites.
  static let httpsHosts: Set<String> = [
    "casey.org", "nationalpartnershipchildsafety.org", "ncbi.nlm.nih.gov", "ahrq.gov",
    "jointcommission.org", "ihi.org", "npsf.org", "scie.org.uk", "nspcc.org.uk", "cebc4cw.org",
    "skybrary.aero", "praedfoundation.org", "chapinhall.org", "eurocontrol.int", "nhs.uk",
    "who.int", "bmj.com", "communitycare.co.uk", "collaborative-safety.com", "justculture.com",
    "learningfromexcellence.com", "childwelfare.gov", "aecf.org", "uky.edu", "ucdavis.edu",
  ]

  /// Query parameters that only track a click.
  static let trackingParameters: Set<String> = [
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
    "igshid", "yclid", "ref_src", "_ga", "_gl",
  ]

  /// The problems of one address, as messages about source `n` (counted from 1).
  static func problems(_ url: String, source n: Int) -> [String] {
    guard let components = URLComponents(string: url), let host = components.host?.lowercased()
    else { return [] }
    var out: [String] = []
    let domains = parentDomains(host)
    if let copy = domains.first(where: copyHosts.contains) {
      out.append(
        "source \(n) is on '\(copy)', a site that copies other publishers' documents; cite the publisher's own page"
      )
    }
    if host.split(separator: ".").contains(where: { $0 == "staging" || $0.hasPrefix("wwwstaging") })
      || host.hasPrefix("staging") || host.contains("-stage.") || host.contains("-staging.")
    {
      out.append("source \(n) is on the staging host '\(host)'; cite the production site")
    }
    if components.scheme?.lowercased() == "http",
      domains.contains(where: httpsHosts.contains) || ["gov", "mil", "edu"].contains(domains.last)
    {
      out.append("source \(n) uses 'http' on '\(host)', which serves 'https'; use 'https'")
    }
    for item in components.queryItems ?? []
    where item.name.lowercased().hasPrefix("utm_") || trackingParameters.contains(item.name) {
      out.append("source \(n) has the tracking parameter '\(item.name)'; remove it")
    }
    if host == "www.ncbi.nlm.nih.gov", components.path.hasPrefix("/pubmed") {
      out.append("source \(n) uses an old PubMed address; use 'https://pubmed.ncbi.nlm.nih.gov/…'")
    }
    return out
  }

  /// `a.b.example.org` → `a.b.example.org`, `b.example.org`, `example.org`, `org`.
  static func parentDomains(_ host: String) -> [String] {
    let parts = host.split(separator: ".")
    return parts.indices.map { parts[$0...].joined(separator: ".") }
  }

  /// Warnings for every address cited under more than one title: each later citation names the
  /// first one's title and file.
  static func titleClashes(_ kb: KnowledgeBase) -> [Diagnostic] {
    var first: [String: (title: String, path: String)] = [:]
    var out: [Diagnostic] = []
    for entry in kb.entries {
      for (n, source) in entry.sources.enumerated() {
        guard let url = source.url else { continue }
        let key = normalized(url)
        if let seen = first[key] {
          if seen.title != source.title {
            out.append(
              .warning(
                kb.located(entry, "sources"),
                "source \(n + 1) '\(url)' is titled '\(source.title)' here and '\(seen.title)' in \(seen.path); use one title for one address"
              ))
          }
        } else {
          first[key] = (source.title, kb.displayPath(entry.path))
        }
      }
    }
    return out
  }

  /// The address with its scheme, a trailing slash and a fragment dropped, for comparing.
  static func normalized(_ url: String) -> String {
    var text = url.lowercased()
    for scheme in ["https://", "http://"] where text.hasPrefix(scheme) {
      text.removeFirst(scheme.count)
    }
    if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }
}
