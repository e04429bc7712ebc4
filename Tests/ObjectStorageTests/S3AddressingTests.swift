import ObjectStorage
import Testing

struct S3AddressingTests {
    @Test func pathStylePutsTheBucketInThePath() throws {
        let endpoint = try S3Endpoint(url: "http://127.0.0.1:7480", region: "us-east-1", pathStyle: true)
        #expect(endpoint.hostHeader(bucket: "lake") == "127.0.0.1:7480")
        #expect(endpoint.encodedPath(bucket: "lake", key: "raw/dt=2025-01-05/a b.json") == "/lake/raw/dt%3D2025-01-05/a%20b.json")
        #expect(endpoint.encodedPath(bucket: "lake", key: nil) == "/lake")
    }

    @Test func virtualHostStylePutsTheBucketInTheHost() throws {
        let endpoint = try S3Endpoint(url: "https://s3.eu-west-1.amazonaws.com", region: "eu-west-1", pathStyle: false)
        #expect(endpoint.hostHeader(bucket: "lake") == "lake.s3.eu-west-1.amazonaws.com")
        #expect(endpoint.encodedPath(bucket: "lake", key: "raw/x.json") == "/raw/x.json")
        #expect(endpoint.encodedPath(bucket: "lake", key: nil) == "/")
        #expect(endpoint.description == "https://s3.eu-west-1.amazonaws.com")
    }

    @Test func defaultPortIsLeftOutOfTheHost() throws {
        let endpoint = try S3Endpoint(url: "https://example.com:443", region: "auto", pathStyle: true)
        #expect(endpoint.hostHeader(bucket: "b") == "example.com")
    }

    @Test(arguments: ["s3.amazonaws.com", "ftp://x", "https://x/path", ""])
    func endpointWithoutSchemeOrWithPathIsRefused(url: String) {
        #expect(throws: S3Error.self) { try S3Endpoint(url: url, region: "r", pathStyle: true) }
    }
}
