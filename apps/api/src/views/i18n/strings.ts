import type { Lang, Priority } from '@pokmas/matcher';
import type { ReferralStatus } from '@pokmas/store';

/** The fields a form error can belong to, in the order of their controls on the page. */
export const FORM_FIELDS = [
  'needs',
  'location',
  'bapasId',
  'regencyCode',
  'coordinates',
  'ageGroup',
  'gender',
  'religion',
  'maxDistanceKm',
  'modes',
] as const;
/** The field a form error belongs to, so the message sits next to its control. */
export type FormField = (typeof FORM_FIELDS)[number];

/** Why a posted body is not a form the page can read: each answers its own status (415, 400) and words. */
export type BodyError = 'unsupported-media-type' | 'unreadable';

/** The fields of the referral form on a match, each with its message beside it. */
export const REFER_FIELDS = ['clientRef', 'services', 'note'] as const;
export type ReferField = (typeof REFER_FIELDS)[number];

/** The fields of a move's form on a referral's page. */
export const MOVE_FIELDS = ['reason', 'outcome', 'sessionsAttended', 'note'] as const;
export type MoveField = (typeof MOVE_FIELDS)[number];

/** A page that says what went wrong and what to do. */
export interface NoticeStrings {
  readonly title: string;
  readonly message: string;
}

/**
 * The counsellor page's own words, which every language gives in full: a string missing from one
 * language does not compile. Names of the library's codes and terms (services, modes, exclusion
 * and missing-need reasons, factors ...) are not here: they are the library's labels, so the page
 * and the API name things alike.
 */
export interface Strings {
  /** The `lang` of the page's `<html>`. */
  readonly htmlLang: string;
  readonly appName: string;
  readonly appTagline: string;
  readonly skipToContent: string;
  readonly languageSwitch: string;
  /** Each language named in itself, for the language switch. */
  readonly languageNames: Readonly<Record<Lang, string>>;
  readonly navSearch: string;
  readonly navCoverage: string;
  readonly navReferrals: string;
  readonly privacyTitle: string;
  readonly privacyNote: string;

  // The form.
  readonly formTitle: string;
  readonly formIntro: string;
  readonly needsLegend: string;
  readonly needsHint: string;
  readonly priority: string;
  readonly priorityNames: Readonly<Record<Priority, string>>;
  readonly locationLegend: string;
  readonly locationHint: string;
  readonly bapas: string;
  readonly bapasHint: string;
  readonly regency: string;
  readonly coordinates: string;
  readonly latitude: string;
  readonly longitude: string;
  readonly notStated: string;
  /** The religion left blank: said outright, because it means partners of any faith. */
  readonly religionAny: string;
  readonly religionHint: string;
  readonly choose: string;
  readonly aboutLegend: string;
  readonly ageGroup: string;
  readonly gender: string;
  readonly religion: string;
  readonly maxDistance: string;
  readonly maxDistanceHint: string;
  readonly modesLegend: string;
  readonly submit: string;
  readonly errorSummaryTitle: string;

  // The results.
  readonly resultsTitle: string;
  /** The search summed up above the results. */
  readonly criteria: {
    readonly title: string;
    readonly needs: string;
    readonly priority: (n: number) => string;
    readonly location: string;
    readonly ageGroup: string;
    readonly gender: string;
    readonly religion: string;
    readonly maxDistance: string;
    readonly modes: string;
  };
  readonly resultsIntro: (count: number) => string;
  readonly searchAgain: string;
  readonly printHint: string;
  /** The checkbox on a match that keeps it in the print (when any is ticked, only those print). */
  readonly printPick: string;
  readonly printedOn: (date: string, bapas: string) => string;
  /** Above the matches: each need, how many partners in reach meet it, and the best of them. */
  readonly needSummary: {
    readonly title: string;
    readonly need: string;
    readonly partners: string;
    readonly best: string;
    readonly nobody: string;
    readonly atLeast: (count: number) => string;
  };
  readonly pokmas: string;
  readonly distance: string;
  readonly distanceUnknown: string;
  /** A match whose services are all given remotely: said before the distance. */
  readonly online: string;
  readonly km: (value: string) => string;
  readonly covered: string;
  readonly missing: string;
  readonly none: string;
  readonly score: string;
  readonly scoreOf: (value: string) => string;
  readonly factorsTitle: string;
  readonly factor: string;
  readonly factorValue: string;
  readonly factorWeight: string;
  readonly factorContribution: string;
  readonly reasons: string;
  readonly contact: string;
  readonly contactPerson: string;
  readonly phone: string;
  readonly email: string;
  readonly address: string;
  readonly noContact: string;
  readonly whyMissingTitle: string;
  readonly whyMissingIntro: string;
  readonly whyMissingNone: string;
  readonly reason: string;
  readonly count: string;

  // A partner's page.
  readonly partnerTitle: string;
  readonly offerings: string;
  readonly service: string;
  readonly modes: string;
  readonly sectors: string;
  readonly religions: string;
  readonly capacity: string;
  readonly capacityOf: (free: number, total: number) => string;
  readonly capacityUnknown: string;
  readonly eligibility: string;
  readonly ageGroups: string;
  readonly genders: string;
  readonly all: string;
  readonly serviceRadius: string;
  readonly inactive: string;
  readonly languages: string;
  readonly location: string;
  readonly backToSearch: string;
  readonly backToResults: string;
  /** A results address whose search was forgotten (30 minutes), or is another session's. */
  readonly resultsGone: NoticeStrings;
  readonly notFoundTitle: string;
  readonly partnerNotFound: string;

  // The coverage page.
  readonly coverageTitle: string;
  readonly coverageIntro: string;
  readonly coverageMap: string;
  readonly coverageCsv: string;
  readonly coverageSummary: string;
  readonly coverageUnavailable: string;
  readonly coverage: {
    readonly places: string;
    readonly fullyCovered: string;
    readonly overall: string;
    readonly byService: string;
    readonly coveredPlaces: string;
    readonly inPersonPlaces: string;
    readonly share: string;
    readonly byKanwil: string;
    readonly kanwil: string;
    readonly note: string;
    /** The summary's heading when one province is shown. */
    readonly summaryOf: (province: string) => string;
    /** The province filter: a plain GET form. */
    readonly province: string;
    readonly allProvinces: string;
    readonly show: string;
    readonly unknownProvince: (code: string) => string;
    readonly noOffices: string;
    /** The map's text alternative; the gaps are listed in the tables below it. */
    readonly mapAlt: (area: string) => string;
    readonly indonesia: string;
    readonly legend: string;
    readonly attribution: string;
    readonly gapsByKanwil: string;
    readonly gapsIntro: string;
    readonly bapas: string;
    readonly missingServices: string;
    /** `missing` services of `total` (before the list of them). */
    readonly missingOf: (missing: number, total: number) => string;
    /** A list of most of the items: "all except …". */
    readonly allExcept: (items: string) => string;
    readonly everyOne: string;
    readonly noGaps: string;
    readonly gapsByService: string;
    readonly lacking: string;
    readonly none: string;
  };

  // Referring a client from a match.
  readonly refer: {
    /** The button that opens the referral form on a match. */
    readonly open: string;
    readonly legend: (partner: string) => string;
    readonly clientRef: string;
    readonly clientRefHint: string;
    readonly services: string;
    readonly note: string;
    readonly noteHint: string;
    readonly submit: string;
    readonly errors: Readonly<Record<ReferField, string>> & { readonly clientRefLooksLikeNik: string };
    /** The last place was taken between the search and the referral. */
    readonly noCapacity: string;
    /** The partner was changed between the search and the referral. */
    readonly partnerChanged: string;
    /** A suitability rule refuses the pair; `rule` is the rule's label. */
    readonly refused: (rule: string) => string;
  };

  // The referrals pages.
  readonly referrals: {
    readonly title: string;
    /** What the list shows, by who looks. */
    readonly introBapas: string;
    readonly introPartner: string;
    readonly introAll: string;
    readonly filter: string;
    readonly allStatuses: string;
    readonly empty: string;
    readonly more: string;
    readonly number: string;
    readonly status: string;
    readonly partner: string;
    readonly bapas: string;
    readonly services: string;
    readonly clientRef: string;
    readonly erased: string;
    readonly created: string;
    readonly updated: string;
    readonly expires: string;
    readonly ended: string;
    readonly score: string;
    readonly outcome: string;
    readonly sessionsAttended: string;
    readonly note: string;
    readonly timeline: string;
    readonly madeBy: (account: string, role: string) => string;
    readonly system: string;
    /** Who moved a referral in the open demo mode, where nobody signs in. */
    readonly openDemoActor: string;
    readonly made: string;
    readonly letterLink: string;
    readonly backToList: string;
    /** Shown after a referral was made from the results. */
    readonly madeNotice: (number: string) => string;
    /** Shown after a move. */
    readonly movedNotice: (status: string) => string;
    readonly notFound: string;
    // Moves.
    readonly actions: string;
    readonly noActions: string;
    /** The button of each move, by the status it moves to (from on-hold, in-progress reads "resume"). */
    readonly moveButton: Readonly<Record<Exclude<ReferralStatus, 'requested' | 'expired'>, string>>;
    readonly resume: string;
    readonly reason: string;
    readonly outcomeFor: string;
    readonly moveNoteHint: string;
    readonly moveErrors: Readonly<Record<MoveField, string>>;
    /** Someone else moved the referral since the page was loaded. */
    readonly stale: string;
    /** The move is no longer allowed from the referral's status. */
    readonly invalidMove: string;
    readonly forbiddenMove: string;
  };

  // The printable referral letter.
  readonly letter: {
    readonly title: string;
    readonly to: string;
    readonly from: string;
    readonly body: string;
    readonly clientName: string;
    readonly clientNameHint: string;
    readonly date: string;
    readonly signature: string;
    readonly printHint: string;
  };

  readonly footer: string;
  /** The message beside each field of the form that is at fault. */
  readonly errors: Readonly<Record<FormField, string>>;
  readonly bodyErrors: Readonly<Record<BodyError, NoticeStrings>>;

  // Signing in and out.
  readonly signIn: {
    readonly title: string;
    readonly intro: string;
    readonly login: string;
    readonly password: string;
    readonly submit: string;
    /** Never says which of the two was wrong. */
    readonly failed: string;
    readonly throttled: (minutes: number) => string;
    /** In the open demo mode, where no account exists yet to sign in with. */
    readonly openDemo: string;
  };
  readonly signOut: string;
  readonly signedInAs: (login: string, role: string) => string;
  /** The banner on every page while the server runs without accounts. */
  readonly openDemoBanner: string;
  /** A changing form sent without this page's CSRF token (a stale page, or another site's form). */
  readonly csrfFailed: NoticeStrings;
  /** Signed in, but the account's role does not cover this page. */
  readonly forbidden: (roles: string) => NoticeStrings;
}
