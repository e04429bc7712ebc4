@testable import ObjectStorage
import Testing

struct S3ErrorTests {
    let endpoint = try! S3Endpoint(url: "https://s3.example.com", region: "r", pathStyle: false)

    func error(_ status: Int, _ code: String) -> S3Error {
        let body = "<?xml version=\"1.0\"?><Error><Code>\(code)</Code><Message>m &amp; n</Message><RequestId>1</RequestId></Error>"
        return S3Error.from(status: status, body: Array(body.utf8), operation: "ListObjectsV2", bucket: "lake", key: nil, endpoint: endpoint)
    }

    @Test(arguments: [
        (404, "NoSuchBucket", S3Error.Code.noSuchBucket), (403, "InvalidAccessKeyId", .invalidAccessKeyID),
        (403, "SignatureDoesNotMatch", .signatureDoesNotMatch), (403, "RequestTimeTooSkewed", .requestTimeTooSkewed),
        (403, "AccessDenied", .accessDenied), (503, "SlowDown", .slowDown),
    ])
    func errorCodeFromTheBodyNamesBucketAndEndpoint(status: Int, code: String, expected: S3Error.Code) {
        let parsed = error(status, code)
        #expect(parsed.code == expected)
        #expect(parsed.message.contains("'lake'"))
        #expect(parsed.message.contains("https://s3.example.com"))
    }

    @Test func unknownCodeKeepsStatusAndServerMessage() {
        let parsed = error(500, "InternalError")
        #expect(parsed.code == .server(status: 500, code: "InternalError"))
        #expect(parsed.message.contains("m & n"))
        #expect(parsed.code.isRetryable)
    }

    @Test func emptyBodyFallsBackOnTheStatus() {
        let parsed = S3Error.from(status: 403, body: [], operation: "HeadObject", bucket: "b", key: "k", endpoint: endpoint)
        #expect(parsed.code == .accessDenied)
    }

    @Test func retryPolicyRetriesSlowDownAndServerErrorsOnly() {
        let policy = S3RetryPolicy(attempts: 3, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        #expect(policy.delay(after: 1, error: error(503, "SlowDown"), unit: 1) == .milliseconds(100))
        #expect(policy.delay(after: 2, error: error(500, "InternalError"), unit: 1) == .milliseconds(200))
        #expect(policy.delay(after: 3, error: error(500, "InternalError"), unit: 1) == nil)
        #expect(policy.delay(after: 1, error: error(403, "AccessDenied"), unit: 1) == nil)
        #expect(policy.delay(after: 1, error: error(404, "NoSuchBucket"), unit: 1) == nil)
    }

    @Test func xmlValuesAreUnescaped() {
        #expect(XMLText.unescape("a&lt;b&gt;&amp;&quot;&apos;&#65;&#x42;") == "a<b>&\"'AB")
        let xml = XMLText(Array("<R><Contents><Key>a</Key></Contents><Contents><Key>b&amp;c</Key></Contents></R>".utf8))
        #expect(xml.elements("Contents").map { $0.first("Key") } == ["a", "b&c"])
    }
}
