export declare function withoutRegistryKeysSeed(code: string): string;
export declare function bundle(name: string, distDir: string): Promise<string[]>;
export declare function actionNames(): Promise<string[]>;
