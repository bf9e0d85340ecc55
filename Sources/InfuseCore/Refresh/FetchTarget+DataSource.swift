import Foundation

extension FetchTarget {
    /// The fetch target of a saved data source target, resolved against the endpoint catalogue.
    /// - Throws: `RefreshError.unknownEndpoint` or `.invalidURL`.
    public init(_ target: DataSourceTarget) throws {
        switch target {
        case .endpoint(let id, let pathParameters, let query):
            guard let endpoint = EndpointCatalogue.endpoint(id: id) else { throw RefreshError.unknownEndpoint(id) }
            self = .endpoint(endpoint, pathParameters: pathParameters, query: query)
        case .customURL(let text):
            guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)), url.scheme != nil else {
                throw RefreshError.invalidURL(text)
            }
            self = .url(url)
        }
    }

    /// The saved form of this target (what a data source stores).
    public var dataSourceTarget: DataSourceTarget {
        switch self {
        case .endpoint(let endpoint, let pathParameters, let query):
            .endpoint(id: endpoint.id, pathParameters: pathParameters, query: query)
        case .url(let url):
            .customURL(url.absoluteString)
        }
    }

    /// The key of the list the records come in (`contacts`), when the catalogue knows it.
    func listKey(apiBase: URL) -> String? {
        catalogueEndpoint(apiBase: apiBase)?.listKey
    }

    /// The catalogue endpoint this target reads, if any (a custom URL is matched by its path).
    func catalogueEndpoint(apiBase: URL) -> CatalogueEndpoint? {
        switch self {
        case .endpoint(let endpoint, _, _): return endpoint
        case .url(let url): return Self.relativePath(of: url, apiBase: apiBase)
            .flatMap { EndpointCatalogue.endpoint(matchingPath: $0)?.endpoint }
        }
    }

    /// The resolved path below the API base (`/v1/contacts`).
    func resolvedPath(apiBase: URL) throws -> String {
        switch self {
        case .endpoint(let endpoint, let pathParameters, _):
            return try endpoint.resolvedPath(pathParameters)
        case .url(let url):
            guard let path = Self.relativePath(of: url, apiBase: apiBase) else {
                throw KeapAPIError.outsideAPIBase(url: HostPolicy.display(url), apiBase: HostPolicy.display(apiBase))
            }
            return path
        }
    }

    private static func relativePath(of url: URL, apiBase: URL) -> String? {
        let basePath = apiBase.path.hasSuffix("/") ? String(apiBase.path.dropLast()) : apiBase.path
        let path = url.path
        guard path.hasPrefix(basePath) else { return nil }
        return String(path.dropFirst(basePath.count))
    }
}

/// Reads Keap custom field definitions from a resource's `/model` endpoint.
enum CustomFieldModelLoader {
    /// The definitions of the custom fields of the resource `target` lists
    /// (`/v1/contacts` → `GET /v1/contacts/model`).
    /// - Throws: `RefreshError.noModelEndpoint` when the catalogue has no such endpoint, else the
    ///   client's errors.
    static func definitions(for target: FetchTarget, client: KeapClient) async throws -> [CustomFieldDefinition] {
        let listPath = try target.resolvedPath(apiBase: client.apiBase)
        let trimmed = listPath.hasSuffix("/") ? String(listPath.dropLast()) : listPath
        let modelPath = trimmed + "/model"
        guard let match = EndpointCatalogue.endpoint(matchingPath: modelPath), match.endpoint.path.hasSuffix("/model") else {
            throw RefreshError.noModelEndpoint(trimmed)
        }
        let url = URL(string: client.apiBase.absoluteString + modelPath)!
        let (_, body) = try await client.get(url)
        return try CustomFieldDefinition.definitions(fromModel: body)
    }
}
