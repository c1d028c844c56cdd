import Testing
@testable import SpoorCrawl

@Suite struct CrawlErrorTests {
    @Test func descriptionNamesSubjectMessageAndCause() {
        let error = CrawlError(.blockedAddress, subject: "http://169.254.169.254/", "resolves to a link-local address", cause: "169.254.169.254")
        #expect(error.description == "http://169.254.169.254/: resolves to a link-local address (169.254.169.254)")
        #expect(error.code.rawValue == "blocked-address")
    }
}
