import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One answer read off a raw socket, so tests can see what URLSession hides: a body whose
/// connection closed before its framing ended, or a server that went quiet.
struct RawAnswer: Sendable {
    /// nil when no complete head arrived.
    var status: Int?
    /// Header names lowercased.
    var headers: [String: String] = [:]
    /// The body with the chunked framing removed (as much as arrived).
    var body: [UInt8] = []
    /// The body's framing ended properly (last chunk, or Content-Length bytes).
    var complete = false
    /// The read timeout fired while the connection was still open.
    var timedOut = false

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed by Foundation, nil when it is not valid JSON.
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }
}

/// GETs `base + pathAndQuery` over a fresh connection (`Connection: close`), reading until the
/// server closes or nothing arrives for `readTimeout` seconds. The blocking socket runs on its own
/// thread, never on the concurrency pool the server needs.
func rawGet(_ base: String, _ pathAndQuery: String, token: String? = "mock-token", readTimeout: Double = 30) async throws -> RawAnswer {
    let authority = try #require(URL(string: base).flatMap { url in url.port.map { (url.host ?? "127.0.0.1", $0) } })
    var request = "GET \(pathAndQuery) HTTP/1.1\r\nHost: \(authority.0):\(authority.1)\r\nConnection: close\r\n"
    if let token { request += "wolkvox-token: \(token)\r\n" }
    request += "\r\n"
    let bytes = Array(request.utf8)
    let (received, timedOut) = await withCheckedContinuation { continuation in
        Thread {
            continuation.resume(returning: exchange(host: authority.0, port: UInt16(authority.1), request: bytes, readTimeout: readTimeout))
        }.start()
    }
    var answer = parse(received)
    answer.timedOut = timedOut
    return answer
}

import Testing

private func exchange(host: String, port: UInt16, request: [UInt8], readTimeout: Double) -> ([UInt8], Bool) {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { return ([], false) }
    defer { close(fd) }
    var timeout = timeval(tv_sec: Int(readTimeout), tv_usec: .init((readTimeout - readTimeout.rounded(.down)) * 1_000_000))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    inet_pton(AF_INET, host, &address.sin_addr)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return ([], false) }
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    while true {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 {
            received.append(contentsOf: buffer[0..<n])
        } else if n == 0 {
            return (received, false)
        } else {
            return (received, errno == EAGAIN || errno == EWOULDBLOCK)
        }
    }
}

private func parse(_ bytes: [UInt8]) -> RawAnswer {
    var answer = RawAnswer()
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return answer }
    let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
    answer.status = lines.first.flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
    for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        answer.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var rest = bytes[(end + 4)...]
    if answer.headers["transfer-encoding"]?.lowercased() == "chunked" {
        while let lineEnd = rest.indices.first(where: { rest[$0...].starts(with: [13, 10]) }) {
            let sizeField = String(decoding: rest[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            let size = Int(sizeField, radix: 16) ?? -1
            rest = rest[(lineEnd + 2)...]
            if size == 0 { answer.complete = true; break }
            guard size > 0 else { break }
            answer.body.append(contentsOf: rest.prefix(size))
            guard rest.count >= size + 2 else { break }
            rest = rest.dropFirst(size + 2)
        }
    } else if let length = answer.headers["content-length"].flatMap({ Int($0) }) {
        answer.body = Array(rest.prefix(length))
        answer.complete = rest.count >= length
    } else {
        answer.body = Array(rest)
    }
    return answer
}
