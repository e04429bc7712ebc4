/// A failed S3 request, with what to do about it. Never holds a secret: messages name the
/// endpoint, the bucket and the key, not the credentials or signatures.
package struct S3Error: Error, Sendable, CustomStringConvertible {
    package enum Code: Sendable, Hashable {
        case noSuchBucket
        case noSuchKey
        case noSuchUpload
        case invalidAccessKeyID
        case signatureDoesNotMatch
        case requestTimeTooSkewed
        case accessDenied
        case slowDown
        case preconditionFailed
        /// Another status or S3 error code.
        case server(status: Int, code: String)
        /// No answer: refused, reset, timed out.
        case transport
        case invalidEndpoint
        case invalidResponse
        /// The local file being uploaded could not be read whole.
        case localFile

        /// Credentials or permissions: the user must fix their settings (exit 4 in the CLI).
        package var isAuthentication: Bool {
            switch self {
            case .invalidAccessKeyID, .signatureDoesNotMatch, .accessDenied, .requestTimeTooSkewed: true
            default: false
            }
        }

        /// Worth another attempt after a pause.
        package var isRetryable: Bool {
            switch self {
            case .slowDown, .transport: true
            case .server(let status, let code): status >= 500 || status == 429 || code == "RequestTimeout"
            default: false
            }
        }
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}

extension S3Error {
    /// The error an S3 answer stands for, from its status and `<Error>` body, with a message
    /// naming what was asked and how to fix it.
    static func from(status: Int, body: [UInt8], operation: String, bucket: String?, key: String?, endpoint: S3Endpoint) -> S3Error {
        let xml = XMLText(body)
        let s3Code = xml.first("Code") ?? (status == 404 ? (key == nil ? "NoSuchBucket" : "NoSuchKey") : status == 403 ? "AccessDenied" : "")
        let serverMessage = xml.first("Message").map { ": \($0)" } ?? ""
        let target = [bucket.map { "bucket '\($0)'" }, key.map { "key '\($0)'" }].compactMap { $0 }.joined(separator: ", ")
        let at = "\(operation) \(target.isEmpty ? "" : target + " ")at \(endpoint)"
        switch s3Code {
        case "NoSuchBucket":
            return S3Error(.noSuchBucket, "\(at): the bucket does not exist; create it or fix the bucket in load.root (s3://BUCKET/PREFIX), and check load.s3.endpoint and region")
        case "NoSuchKey":
            return S3Error(.noSuchKey, "\(at): no such object")
        case "NoSuchUpload":
            return S3Error(.noSuchUpload, "\(at): the multipart upload no longer exists (aborted or completed)")
        case "InvalidAccessKeyId":
            return S3Error(.invalidAccessKeyID, "\(at): the server does not know this access key id; check AWS_ACCESS_KEY_ID (or load.s3.access_key_id) and that the endpoint is the right one")
        case "SignatureDoesNotMatch":
            return S3Error(.signatureDoesNotMatch, "\(at): the signature does not match; check the secret access key (AWS_SECRET_ACCESS_KEY or load.s3.secret_access_key) and load.s3.region")
        case "RequestTimeTooSkewed":
            return S3Error(.requestTimeTooSkewed, "\(at): this machine's clock differs from the server's by more than 15 minutes; sync the clock (NTP)")
        case "AccessDenied":
            return S3Error(.accessDenied, "\(at): access denied\(serverMessage); the credentials need s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject and s3:AbortMultipartUpload on this bucket and prefix")
        case "SlowDown":
            return S3Error(.slowDown, "\(at): the server asks to slow down")
        case "PreconditionFailed":
            return S3Error(.preconditionFailed, "\(at): a condition of the request did not hold (another writer changed the object)")
        default:
            return S3Error(.server(status: status, code: s3Code), "\(at) failed with HTTP \(status)\(s3Code.isEmpty ? "" : " \(s3Code)")\(serverMessage)")
        }
    }
}
