import Vapor

/// The OpenAI-compatible gateway: routes calls to providers through their adapters, holds them to the
/// configurations' limits and the budgets, costs them with dated prices and writes the generation log.
/// Its tables are the Models module's (catalog, prices, configurations, the log).
struct GatewayModule: OutputHubModule {
    var area: AppModule { .gateway }
    var tables: [TableDeclaration] { [] }
    var migrations: [any SchemaMigration] { [] }
    var behaviours: [TableBehaviour] { [GenerationPanel.behaviour] }
    var adminLinks: [AdminLink] {
        [AdminLink("Playground", path: GatewayAdminPath.playground, scope: GatewayRoutes.callScope),
         AdminLink("Costs", path: GatewayAdminPath.costs, scope: "models:read")]
    }

    func registerRoutes(_ routes: ModuleRoutes) {
        GatewayRoutes.register(routes.root)
        PlaygroundScreen.register(routes.admin)
        CostsScreen.register(routes.admin)
    }
}
