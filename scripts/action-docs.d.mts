export function actionTables(actionYaml: string): string
export function withTables(readme: string, tables: string): string
