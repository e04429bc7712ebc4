package import ObjectStorage

extension Pipeline {
    /// `load.s3`: the S3 API a `s3://BUCKET/PREFIX` root is reached through.
    ///
    /// - Important: the secret never appears in `description` or a dump; credentials given here
    ///   come from `${VAR}`s, and without them the command line's environment and the shared
    ///   credentials file are used.
    package struct S3Settings: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
        /// `https://s3.REGION.amazonaws.com` when not set.
        package var endpoint: String
        package var region: String
        /// `https://host/bucket/key` rather than `https://bucket.host/key`: most self-hosted servers.
        package var pathStyle: Bool
        package var accessKeyID: String?
        package var secretAccessKey: String?
        package var sessionToken: String?

        package init(
            endpoint: String? = nil, region: String = "us-east-1", pathStyle: Bool = false, accessKeyID: String? = nil,
            secretAccessKey: String? = nil, sessionToken: String? = nil
        ) {
            self.endpoint = endpoint ?? "https://s3.\(region).amazonaws.com"
            self.region = region
            self.pathStyle = pathStyle
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }

        package var description: String {
            "S3Settings(endpoint: \(endpoint), region: \(region), pathStyle: \(pathStyle)\(accessKeyID.map { ", accessKeyID: \($0)" } ?? ""))"
        }

        package var customMirror: Mirror {
            Mirror(self, children: ["endpoint": endpoint, "region": region, "pathStyle": pathStyle])
        }
    }

    /// Where `load.root` points: a folder, or a bucket and a key prefix.
    package enum LandingTarget: Sendable, Hashable {
        case directory(String)
        /// `prefix` is empty or ends with `/`.
        case bucket(name: String, prefix: String)

        /// Reads `s3://BUCKET/PREFIX` (nil for a `root` that is not an s3 URL).
        package static func parseBucket(_ root: String) -> (name: String, prefix: String)? {
            guard root.hasPrefix("s3://") else { return nil }
            let rest = root.dropFirst(5)
            let name = String(rest.prefix { $0 != "/" })
            var prefix = String(rest.dropFirst(name.count).drop { $0 == "/" })
            while prefix.hasSuffix("//") { prefix.removeLast() }
            if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
            return (name, prefix)
        }
    }
}

extension Pipeline.Load {
    package var target: Pipeline.LandingTarget {
        if let bucket = Pipeline.LandingTarget.parseBucket(root) { return .bucket(name: bucket.name, prefix: bucket.prefix) }
        return .directory(root)
    }
}

extension Pipeline.S3Settings {
    /// The credentials to sign with: these settings' keys, else AWS_ACCESS_KEY_ID /
    /// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the shared credentials file's
    /// `AWS_PROFILE` (or `default`) profile.
    /// - Parameters:
    ///   - environment: the process environment, read by the caller.
    ///   - credentialsFile: the shared credentials file's text, read by the caller.
    /// - Throws: `ETLError(.pipeline)` saying where credentials are looked for.
    package func credentials(environment: [String: String], credentialsFile: String?) throws -> S3Credentials {
        var explicit: S3Credentials?
        if let accessKeyID, let secretAccessKey {
            explicit = S3Credentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
        }
        do {
            return try S3CredentialSources.resolve(explicit: explicit, environment: environment, credentialsFile: credentialsFile)
        } catch {
            throw ETLError(.pipeline, "\(error)")
        }
    }
}
