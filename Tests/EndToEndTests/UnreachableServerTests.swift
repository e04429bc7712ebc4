import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A server that refuses connections, or a host name that does not resolve, ends the run in
/// seconds with a message that names the host and says what to check, whatever the retry
/// settings (before, each of 6 attempts waited out the request's deadline: six minutes).
@Suite(.serialized)
struct UnreachableServerTests {
    /// A run that waited out even one request's deadline (57 s) would exceed this.
    static let bound: Duration = .seconds(45)

    /// The documented retry settings, not the tests' short ones: the bound must hold for them.
    static func pipeline(baseURL: String) -> String {
        """
        version: 1
        name: unreachable
        source:
          report: cdr_1
          base_url: \(baseURL)
          token: some-token
          timezone: America/Bogota
          from: 2025-03-01
          to: 2025-03-07
          retry: { attempts: 6, base_delay: 1s, max_delay: 60s }
        load:
          root: out
          format: ndjson

        """
    }

    /// A port on loopback that nothing listens on: bound to learn a free one, then closed.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func run(baseURL: String) async throws -> (result: CLI.Result, elapsed: Duration, dir: TempDir) {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", pipeline(baseURL: baseURL))
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await CLI.run(
            ["run", file.path, "--progress", "never"], environment: ["WOLKVOX_LOCK_DIR": dir.url.path + "/locks"],
            cwd: dir.url)
        return (result, clock.now - started, dir)
    }

    @Test func aRefusedConnectionEndsTheRunInSecondsNamingTheHostAndPort() async throws {
        let port = try Self.closedPort()
        let (result, elapsed, dir) = try await Self.run(baseURL: "http://127.0.0.1:\(port)")
        let output = result.stdout + result.stderr
        #expect(result.exitCode == 1, "\(output)")
        #expect(elapsed < Self.bound, "took \(elapsed): \(output)")
        #expect(result.stdout.contains("127.0.0.1:\(port) refused the connection"), "\(result.stdout)")
        #expect(result.stdout.contains("check source.server or source.base_url"), "\(result.stdout)")
        #expect(!result.stdout.contains("retrying"), "the last word is not a retry: \(result.stdout)")
        #expect(!result.stdout.contains("errno"), "no raw socket error: \(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("out/cdr_1").path))
    }

    @Test func aHostNameThatDoesNotResolveEndsTheRunAtOnceNamingTheHost() async throws {
        // RFC 2606 reserves .invalid: no resolver answers for it.
        let host = "wolkvox-etl-test.invalid"
        let (result, elapsed, _) = try await Self.run(baseURL: "https://\(host)")
        let output = result.stdout + result.stderr
        #expect(result.exitCode == 1, "\(output)")
        #expect(elapsed < Self.bound, "took \(elapsed): \(output)")
        #expect(result.stdout.contains("the host name \(host) does not resolve"), "\(result.stdout)")
        #expect(result.stdout.contains("check source.server"), "\(result.stdout)")
        #expect(!result.stdout.contains("retrying"), "\(result.stdout)")
        // Told at the first call: no retry was spent on a name that cannot resolve.
        #expect(result.stdout.contains("retries 0"), "\(result.stdout)")
    }
}
