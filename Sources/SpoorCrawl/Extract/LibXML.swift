import CLibXML2

/// Process-wide libxml2 set-up and error reporting shared by the HTML, XML and XPath wrappers.
enum LibXML {
    /// Initialises the library once (xmlInitParser is required before use from several threads).
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Makes sure libxml2 is initialised and silenced on the calling thread.
    static func prepare() {
        _ = initialised
        spoor_xml_silence()
    }

    /// Clears the calling thread's last libxml2 error.
    static func resetError() { xmlResetLastError() }

    /// The calling thread's last libxml2 error message, trimmed, if any.
    static func lastErrorMessage() -> String? {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Turns a libxml2-owned `xmlChar *` into a String and frees it.
    static func takeString(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        defer { spoor_xml_free(pointer) }
        return String(cString: pointer)
    }
}

import Foundation
