import Foundation
import ObjectStorage
import Testing

/// The signer against botocore's (an independent implementation the AWS CLI and boto3 use):
/// the same request at the same instant must carry the same `Authorization` header.
@Suite(.enabled(if: Python.hasModule("botocore"), "botocore is not installed (pip install botocore)"))
struct SignatureV4BotocoreTests {
    struct Case: Codable, CustomTestStringConvertible {
        var name: String
        var method: String
        var host: String
        var key: String
        var query: [[String]]
        var headers: [[String]]
        var body: String
        var unsigned: Bool
        var token: String?
        var region: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "GET object", method: "GET", host: "lake.s3.eu-west-1.amazonaws.com", key: "raw/cdr_1/dt=2025-01-05/part-00000.ndjson.gz",
             query: [], headers: [], body: "", unsigned: false, token: nil, region: "eu-west-1"),
        Case(name: "list with prefix and continuation", method: "GET", host: "127.0.0.1:7480", key: "lake",
             query: [["list-type", "2"], ["prefix", "raw/cdr 1/dt=2025-01-05/"], ["continuation-token", "1/ab+c=="], ["max-keys", "1000"]],
             headers: [], body: "", unsigned: false, token: nil, region: "us-east-1"),
        Case(name: "PUT with signed payload and content-md5", method: "PUT", host: "127.0.0.1:7480", key: "lake/a b/ñ~x.json",
             query: [], headers: [["Content-MD5", "XrY7u+Ae7tCTyyK7j1rNww=="], ["Content-Type", "application/json"]],
             body: "hello world", unsigned: false, token: nil, region: "us-east-1"),
        Case(name: "upload part unsigned", method: "PUT", host: "lake.s3.amazonaws.com", key: "raw/part-00001.csv.gz",
             query: [["partNumber", "3"], ["uploadId", "2~abc.DEF-ghi_"]], headers: [["x-amz-checksum-sha256", "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="]],
             body: "hello world", unsigned: true, token: nil, region: "us-east-1"),
        Case(name: "initiate multipart with session token", method: "POST", host: "lake.s3.us-west-2.amazonaws.com", key: "x",
             query: [["uploads", ""]], headers: [["x-amz-meta-run", "  two   spaces  "]], body: "", unsigned: false,
             token: "FwoGZXIvYXdzEJr//////////wEaDH+token/with=chars", region: "us-west-2"),
    ]

    static let script = #"""
import sys, json, datetime
from urllib.parse import quote
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

fixed = datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
botocore.auth.get_current_datetime = lambda *a, **k: fixed
out = []
for case in json.load(sys.stdin):
    class Auth(botocore.auth.S3SigV4Auth):
        def _should_sha256_sign_payload(self, request):
            return not case["unsigned"]
    creds = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", case.get("token"))
    url = "http://" + case["host"] + "/" + quote(case["key"], safe="/~")
    request = AWSRequest(method=case["method"], url=url, data=case["body"].encode(),
                         headers={k: v for k, v in case["headers"]}, params=[(k, v) for k, v in case["query"]])
    Auth(creds, "s3", case["region"]).add_auth(request)
    out.append(request.headers["Authorization"])
print(json.dumps(out))
"""#

    @Test func signaturesMatchBotocore() throws {
        let expected = try JSONDecoder().decode(
            [String].self, from: Python.run(Self.script, input: JSONEncoder().encode(Self.cases)))
        let date = Date(timeIntervalSince1970: 1_735_787_045)  // 2025-01-02T03:04:05Z
        for (index, item) in Self.cases.enumerated() {
            let credentials = S3Credentials(
                accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                sessionToken: item.token)
            let body = Array(item.body.utf8)
            let request = SignableRequest(
                method: item.method, host: item.host, encodedPath: "/" + URIEncoding.path(item.key),
                query: item.query.map { .init($0[0], $0[1]) }, headers: item.headers.map { .init($0[0], $0[1]) },
                payload: item.unsigned ? .unsigned : .sha256(PayloadHash.sha256Hex(body)))
            let headers = SignatureV4(credentials: credentials, region: item.region).signedHeaders(for: request, at: date)
            let authorization = headers.first { $0.name == "Authorization" }?.value
            #expect(authorization == expected[index], "\(item.name)")
        }
    }

    @Test func timestampIsBasicISO8601InUTC() {
        #expect(SignatureV4.timestamp(Date(timeIntervalSince1970: 1_735_787_045)) == "20250102T030405Z")
    }

    @Test func credentialsDescriptionHidesTheSecretAndToken() {
        let credentials = S3Credentials(accessKeyID: "AKID", secretAccessKey: "s3cr3t", sessionToken: "t0k3n")
        #expect(!"\(credentials)".contains("s3cr3t"))
        #expect(!"\(credentials)".contains("t0k3n"))
        #expect(!String(reflecting: credentials).contains("s3cr3t"))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
        #expect(!dumped.contains("t0k3n"))
    }
}
