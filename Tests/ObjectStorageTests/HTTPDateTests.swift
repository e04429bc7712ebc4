import Foundation
import ObjectStorage
import Testing

struct HTTPDateTests {
    @Test func readsTheDateAndLastModifiedHeadersOfS3Answers() throws {
        let date = try #require(HTTPDate.parse("Wed, 02 Dec 2026 08:14:47 GMT"))
        #expect(date == Date(timeIntervalSince1970: 1_796_199_287))
        #expect(HTTPDate.format(date) == "Wed, 02 Dec 2026 08:14:47 GMT")
    }

    @Test(arguments: ["", "2026-12-02T08:14:47Z", "Wed, 02 Dec 2026 08:14"])
    func otherTextIsNotADate(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }
}
