package import AsyncHTTPClient
package import Foundation
package import Logging
import NIOCore
import NIOHTTP1

/// An S3 API client for the operations a landing needs: objects (PUT, GET, HEAD, DELETE),
/// listings, and multipart uploads. Requests are signed with Signature Version 4; `SlowDown`,
/// 5xx and lost connections are retried with backoff.
///
/// - Important: the credentials never appear in errors or log lines.
package struct S3Client: Sendable {
    package let endpoint: S3Endpoint
    let signer: SignatureV4
    let http: HTTPClient
    let retry: S3RetryPolicy
    let requestTimeout: TimeAmount
    let logger: Logger
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - http: a client the caller owns and shuts down.
    ///   - now: the clock the signatures are dated by.
    package init(
        endpoint: S3Endpoint, credentials: S3Credentials, http: HTTPClient, retry: S3RetryPolicy = .init(),
        requestTimeout: Duration = .seconds(120), logger: Logger = Logger(label: "s3"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoint = endpoint
        signer = SignatureV4(credentials: credentials, region: endpoint.region)
        self.http = http
        self.retry = retry
        self.requestTimeout = .nanoseconds(Int64(requestTimeout.components.seconds) * 1_000_000_000 + requestTimeout.components.attoseconds / 1_000_000_000)
        self.logger = logger
        self.now = now
    }

    /// What one request asks; its body is in memory or a region of a local file, so it can be
    /// sent again on a retry.
    struct Request {
        var operation: String
        var method: HTTPMethod
        var bucket: String?
        var key: String?
        var query: [SignableRequest.QueryItem] = []
        var headers: [SignableRequest.Header] = []
        var body: [UInt8] = []
        /// A body read from a file as it is sent (then `body` is empty), with its SHA-256 for the signature.
        var file: (region: FileRegion, sha256Hex: String)?
        /// Statuses that are answers, not errors (404 for HEAD of a missing object).
        var accepted: Set<Int> = []
    }

    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Sends a request, retrying what `retry` allows.
    func send(_ request: Request, maxBody: Int = 64 << 20) async throws -> Response {
        var attempt = 1
        while true {
            do {
                return try await sendOnce(request, maxBody: maxBody)
            } catch let error as S3Error {
                guard let pause = retry.delay(after: attempt, error: error, unit: Double.random(in: 0..<1)) else { throw error }
                logger.warning("retrying after: \(error.message)", metadata: ["s3.attempt": "\(attempt)"])
                try await Task.sleep(for: pause)
                attempt += 1
            }
        }
    }

    private func sendOnce(_ request: Request, maxBody: Int) async throws -> Response {
        let path = endpoint.encodedPath(bucket: request.bucket, key: request.key)
        let host = endpoint.hostHeader(bucket: request.bucket)
        let signable = SignableRequest(
            method: request.method.rawValue, host: host, encodedPath: path, query: request.query, headers: request.headers,
            payload: .sha256(request.file?.sha256Hex ?? PayloadHash.sha256Hex(request.body)))
        let query = signable.canonicalQuery
        var http = HTTPClientRequest(url: "\(endpoint.scheme)://\(host)\(path)\(query.isEmpty ? "" : "?" + query)")
        http.method = request.method
        for header in request.headers + signer.signedHeaders(for: signable, at: now()) {
            http.headers.add(name: header.name, value: header.value)
        }
        if let file = request.file {
            http.body = .stream(file.region.chunks(), length: .known(Int64(file.region.count)))
        } else if !request.body.isEmpty || request.method == .PUT || request.method == .POST {
            http.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let response: HTTPClientResponse
        var body: [UInt8] = []
        do {
            response = try await self.http.execute(http, timeout: requestTimeout)
            for try await chunk in response.body {
                guard body.count + chunk.readableBytes <= maxBody else {
                    throw S3Error(.invalidResponse, "\(request.operation) at \(endpoint): the answer is larger than \(maxBody) bytes")
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as S3Error {
            throw error
        } catch {
            throw S3Error(.transport, "\(request.operation) at \(endpoint): no answer (\(error)); check load.s3.endpoint and the network")
        }
        let status = Int(response.status.code)
        if (200..<300).contains(status) || request.accepted.contains(status) {
            return Response(status: status, headers: response.headers, body: body)
        }
        throw S3Error.from(status: status, body: body, operation: request.operation, bucket: request.bucket, key: request.key, endpoint: endpoint)
    }
}

extension S3Client {
    /// A client with connections of its own; end with `shutdown()`.
    package static func owningConnections(
        endpoint: S3Endpoint, credentials: S3Credentials, retry: S3RetryPolicy = .init(), logger: Logger = Logger(label: "s3")
    ) -> S3Client {
        S3Client(endpoint: endpoint, credentials: credentials, http: HTTPClient(eventLoopGroupProvider: .singleton), retry: retry, logger: logger)
    }

    /// Closes the connections of a client made by `owningConnections`.
    package func shutdown() async {
        try? await http.shutdown()
    }
}
