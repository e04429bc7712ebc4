/// What Signature Version 4 signs of an HTTP request: method, host, path, query, headers and
/// the payload's hash.
package struct SignableRequest: Sendable, Hashable {
    /// How the body is accounted for in the signature.
    package enum Payload: Sendable, Hashable {
        /// The body's SHA-256, hex (the empty body's for requests without one).
        case sha256(String)
        /// `UNSIGNED-PAYLOAD`: the body is not hashed (its integrity rests on Content-MD5 or an
        /// `x-amz-checksum-*` header and TLS).
        case unsigned

        package var headerValue: String {
            switch self {
            case .sha256(let hex): hex
            case .unsigned: "UNSIGNED-PAYLOAD"
            }
        }

        /// The hash of an empty body.
        package static let empty = Payload.sha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    package struct QueryItem: Sendable, Hashable {
        package var name: String
        package var value: String
        package init(_ name: String, _ value: String = "") {
            self.name = name
            self.value = value
        }
    }

    package struct Header: Sendable, Hashable {
        package var name: String
        package var value: String
        package init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    package var method: String
    /// `host` or `host:port` (the port only when it is not the scheme's default).
    package var host: String
    /// The path as sent, already percent-encoded (`URIEncoding.path`), starting with `/`.
    package var encodedPath: String
    /// Unencoded names and values.
    package var query: [QueryItem]
    /// Headers to sign besides `host` and the `x-amz-*` ones the signer adds.
    package var headers: [Header]
    package var payload: Payload

    package init(
        method: String, host: String, encodedPath: String, query: [QueryItem] = [], headers: [Header] = [],
        payload: Payload = .empty
    ) {
        self.method = method
        self.host = host
        self.encodedPath = encodedPath
        self.query = query
        self.headers = headers
        self.payload = payload
    }

    /// `a=1&b=2`, names and values encoded and sorted as the signature wants; also what is sent.
    package var canonicalQuery: String {
        query.map { (URIEncoding.component($0.name), URIEncoding.component($0.value)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }
}
