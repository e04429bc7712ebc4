import Crypto
package import Foundation

/// AWS Signature Version 4 for one service and region: turns a request into the headers that
/// authenticate it (`Authorization`, `x-amz-date`, `x-amz-content-sha256`, and
/// `x-amz-security-token` for temporary credentials).
///
/// A value without I/O: the time is an argument, so a signature can be checked against another
/// signer's for the same instant.
package struct SignatureV4: Sendable {
    package var credentials: S3Credentials
    package var region: String
    package var service: String

    package init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The headers to add to the request (the request's own `headers` are sent as they are).
    package func signedHeaders(for request: SignableRequest, at date: Date) -> [SignableRequest.Header] {
        let stamp = Self.timestamp(date)
        var added = [
            SignableRequest.Header("x-amz-date", stamp),
            SignableRequest.Header("x-amz-content-sha256", request.payload.headerValue),
        ]
        if let token = credentials.sessionToken { added.append(.init("x-amz-security-token", token)) }
        let canonical = canonicalRequest(request, adding: added)
        let scope = "\(stamp.prefix(8))/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(stamp)\n\(scope)\n\(Self.hex(SHA256.hash(data: Data(canonical.text.utf8))))"
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(day: String(stamp.prefix(8)))))
        added.append(.init(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"))
        return added
    }

    struct CanonicalRequest {
        var text: String
        var signedHeaders: String
    }

    func canonicalRequest(_ request: SignableRequest, adding added: [SignableRequest.Header]) -> CanonicalRequest {
        var byName: [String: [String]] = ["host": [request.host]]
        for header in request.headers + added {
            byName[header.name.lowercased(), default: []].append(Self.trimmed(header.value))
        }
        let names = byName.keys.sorted()
        let headerLines = names.map { "\($0):\(byName[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let text = [
            request.method.uppercased(), request.encodedPath.isEmpty ? "/" : request.encodedPath, request.canonicalQuery,
            headerLines, signedHeaders, request.payload.headerValue,
        ].joined(separator: "\n")
        return CanonicalRequest(text: text, signedHeaders: signedHeaders)
    }

    private func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// `20250102T030405Z`.
    package static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + "Z"
    }

    /// Leading and trailing spaces dropped, runs of spaces inside made one, as the canonical
    /// headers want.
    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
