import Foundation

/// Resolves links found in pages into absolute http(s) URLs.
public enum URLResolver {
    /// `href` resolved against `base`, without its fragment and with its scheme in lower case;
    /// nil for non-http(s) schemes (javascript:, mailto:, data:), fragment-only links and text
    /// that is no URL at all.
    public static func resolve(_ href: String, against base: String?) -> String? {
        var text = href.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.hasPrefix("#") { return nil }
        // Browsers drop tabs and newlines inside URLs and encode spaces and non-ASCII.
        text.removeAll { $0 == "\n" || $0 == "\r" || $0 == "\t" }
        let encoded = encodeUnsafe(text)
        let baseURL = base.flatMap { URL(string: encodeUnsafe($0)) }
        guard let url = URL(string: encoded, relativeTo: baseURL)?.absoluteURL,
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            components.host?.isEmpty == false
        else { return nil }
        components.fragment = nil
        // Schemes are case-insensitive; give them in lower case (`HTTPS:` → `https:`).
        components.scheme = scheme
        return components.string
    }

    /// Percent-encodes bytes a URL may not hold literally (spaces, non-ASCII, quotes, angle brackets).
    static func encodeUnsafe(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// `url` with query parameter `name` set to `value` (added, or replacing every existing one).
    public static func settingQuery(_ url: String, name: String, value: String) -> String? {
        guard var components = URLComponents(string: encodeUnsafe(url)) else { return nil }
        var items = (components.queryItems ?? []).filter { $0.name != name }
        items.append(URLQueryItem(name: name, value: value))
        components.queryItems = items
        components.fragment = nil
        return components.string
    }
}
