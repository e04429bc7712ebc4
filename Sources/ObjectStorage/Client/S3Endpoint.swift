import Foundation

/// Where an S3 API answers and how buckets are addressed.
package struct S3Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `https` or `http`.
    package var scheme: String
    package var host: String
    /// Nil for the scheme's default port.
    package var port: Int?
    package var region: String
    /// `https://host/bucket/key` (self-hosted servers, MinIO, Ceph) rather than
    /// `https://bucket.host/key` (AWS's default, R2, GCS).
    package var pathStyle: Bool

    /// - Throws: `S3Error` (`.invalidEndpoint`) for a URL without an http(s) scheme and a host.
    package init(url: String, region: String, pathStyle: Bool) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw S3Error(.invalidEndpoint, "the endpoint '\(url)' is not an http(s) URL such as https://s3.eu-west-1.amazonaws.com")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil else {
            throw S3Error(.invalidEndpoint, "the endpoint '\(url)' must be a bare URL without a path or query")
        }
        self.scheme = scheme
        self.host = host
        self.port = components.port
        self.region = region
        self.pathStyle = pathStyle
    }

    /// `scheme://host[:port]`, as a user would write it.
    package var description: String { "\(scheme)://\(hostHeader(bucket: nil))" }

    /// The `Host` header for a request on `bucket` (or the service when nil).
    package func hostHeader(bucket: String?) -> String {
        let name = (pathStyle || bucket == nil) ? host : "\(bucket!).\(host)"
        guard let port, port != (scheme == "https" ? 443 : 80) else { return name }
        return "\(name):\(port)"
    }

    /// The encoded path of an object (or of the bucket when `key` is nil).
    package func encodedPath(bucket: String?, key: String?) -> String {
        var path = ""
        if pathStyle, let bucket { path += "/" + URIEncoding.component(bucket) }
        if let key { path += "/" + URIEncoding.path(key) }
        return path.isEmpty ? "/" : path
    }
}
