/// Finds credentials the way the AWS CLI does, from what the caller read: explicit keys, then
/// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, then the shared
/// credentials file's profile (`AWS_PROFILE`, else `default`).
///
/// Pure: the caller passes the environment and the file's text, so a library never reads them.
package enum S3CredentialSources {
    package struct Missing: Error, CustomStringConvertible {
        package var description: String
    }

    /// - Parameters:
    ///   - explicit: keys from the configuration, when given.
    ///   - environment: the process environment.
    ///   - credentialsFile: the shared credentials file's text, if there is one.
    /// - Throws: `Missing`, saying where credentials are looked for, when none is found.
    package static func resolve(explicit: S3Credentials?, environment: [String: String], credentialsFile: String?) throws -> S3Credentials {
        if let explicit { return explicit }
        if let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty, let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty {
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return S3Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
        }
        let profile = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        if let credentialsFile, let found = profileCredentials(credentialsFile, profile: profile) { return found }
        throw Missing(description: "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or load.s3.access_key_id and secret_access_key as ${VAR}, or a [\(profile)] profile in the shared credentials file (~/.aws/credentials, AWS_SHARED_CREDENTIALS_FILE)")
    }

    /// The keys of one `[profile]` section of an INI credentials file.
    package static func profileCredentials(_ text: String, profile: String) -> S3Credentials? {
        var section: String?
        var values: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(raw).trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard section == profile, let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingCharacters(in: .whitespaces).lowercased()
            values[key] = String(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        }
        guard let id = values["aws_access_key_id"], !id.isEmpty, let secret = values["aws_secret_access_key"], !secret.isEmpty else {
            return nil
        }
        return S3Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension Set where Element == Character {
    fileprivate static let whitespaces: Set<Character> = [" ", "\t"]
}
