export declare const START: string;
export declare const END: string;
export declare const PERMISSIONS: Record<string, string>;
export declare function renderReference(): string;
