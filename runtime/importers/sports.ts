/**
 * One sport vocabulary for every tracker: GPX `<type>`, TCX `Sport`, the FIT profile's `sport` enum,
 * Strava's activity types (`TrailRun`, `VirtualRide`, `WeightTraining`), Apple Health's
 * `HKWorkoutActivityType…` names, and the words people type in EN FR DE ES NL IT PT all land on the
 * same word of `SPORTS`. Unknown names are kept, folded to snake_case, rather than guessed.
 */

/** The activities `sport` vocabulary. */
export const SPORTS = [
  'running',
  'cycling',
  'swimming',
  'walking',
  'hiking',
  'yoga',
  'pilates',
  'strength',
  'cardio',
  'rowing',
  'paddling',
  'skiing',
  'snowboarding',
  'skating',
  'climbing',
  'surfing',
  'sailing',
  'soccer',
  'basketball',
  'tennis',
  'golf',
  'dance',
  'martial_arts',
  'multisport',
  'other',
] as const

/** One word of the sport vocabulary. */
export type Sport = (typeof SPORTS)[number]

// Exact names (after folding), from the FIT profile, Strava, Apple Health and TCX.
const EXACT: Readonly<Record<string, Sport>> = {
  generic: 'other',
  other: 'other',
  transition: 'other',
  workout: 'cardio',
  training: 'cardio',
  fitness_equipment: 'cardio',
  mixed_cardio: 'cardio',
  mixed_metabolic_cardio_training: 'cardio',
  high_intensity_interval_training: 'cardio',
  hiit: 'cardio',
  elliptical: 'cardio',
  stair_stepper: 'cardio',
  stair_climbing: 'cardio',
  stairs: 'cardio',
  step_training: 'cardio',
  jump_rope: 'cardio',
  crossfit: 'strength',
  cross_training: 'cardio',
  weight_training: 'strength',
  traditional_strength_training: 'strength',
  functional_strength_training: 'strength',
  core_training: 'strength',
  strength_training: 'strength',
  cooldown: 'other',
  flexibility: 'yoga',
  mind_and_body: 'yoga',
  cross_country_skiing: 'skiing',
  nordic_ski: 'skiing',
  alpine_ski: 'skiing',
  alpine_skiing: 'skiing',
  backcountry_ski: 'skiing',
  downhill_skiing: 'skiing',
  snow_sports: 'skiing',
  snowboard: 'snowboarding',
  snowboarding: 'snowboarding',
  snowshoe: 'hiking',
  snowshoeing: 'hiking',
  mountaineering: 'hiking',
  ice_skate: 'skating',
  ice_skating: 'skating',
  inline_skate: 'skating',
  inline_skating: 'skating',
  roller_ski: 'skiing',
  skate_sports: 'skating',
  skateboard: 'skating',
  skateboarding: 'skating',
  rock_climbing: 'climbing',
  floor_climbing: 'climbing',
  climbing: 'climbing',
  bouldering: 'climbing',
  kayaking: 'paddling',
  canoeing: 'paddling',
  rafting: 'paddling',
  paddle_sports: 'paddling',
  stand_up_paddling: 'paddling',
  stand_up_paddleboarding: 'paddling',
  paddling: 'paddling',
  surfing: 'surfing',
  surfing_sports: 'surfing',
  windsurf: 'surfing',
  windsurfing: 'surfing',
  kitesurf: 'surfing',
  kitesurfing: 'surfing',
  wakeboarding: 'surfing',
  water_skiing: 'surfing',
  sailing: 'sailing',
  soccer: 'soccer',
  football: 'soccer',
  basketball: 'basketball',
  tennis: 'tennis',
  table_tennis: 'tennis',
  badminton: 'tennis',
  squash: 'tennis',
  racquetball: 'tennis',
  pickleball: 'tennis',
  golf: 'golf',
  dance: 'dance',
  dance_inspired_training: 'dance',
  social_dance: 'dance',
  cardio_dance: 'dance',
  barre: 'pilates',
  pilates: 'pilates',
  yoga: 'yoga',
  boxing: 'martial_arts',
  kickboxing: 'martial_arts',
  martial_arts: 'martial_arts',
  wrestling: 'martial_arts',
  multisport: 'multisport',
  triathlon: 'multisport',
  swimbikerun: 'multisport',
  swim_bike_run: 'multisport',
  velomobile: 'cycling',
  handcycle: 'cycling',
  wheelchair_run_pace: 'running',
  wheelchair_walk_pace: 'walking',
  e_biking: 'cycling',
  langlauf: 'skiing',
  ski_langlauf: 'skiing',
  skilanglauf: 'skiing',
  ebike_ride: 'cycling',
  e_bike_ride: 'cycling',
  e_mountain_bike_ride: 'cycling',
}

// Activities that are not sports a stem should guess at ('motorcycling' is not cycling): kept as named.
const KEEP: ReadonlySet<string> = new Set([
  'motorcycling',
  'driving',
  'flying',
  'boating',
  'hunting',
  'fishing',
  'tactical',
  'jumpmaster',
  'sky_diving',
  'hang_gliding',
  'snowmobiling',
  'horseback_riding',
])

// Word stems, tried in order on the folded name when no exact name matched.
const STEMS: readonly (readonly [RegExp, Sport])[] = [
  [
    /(?:^|_)(?:trail_?)?run|jog|lauf|course_a_pied|footing|carrera|correr|corrida|hardlo|corsa|running/,
    'running',
  ],
  [
    /(?:^|_)(?:virtual_?|gravel_?|mountain_?|road_?|e_?)?(?:ride|bik|cycl)|velo|rad_?fahr|radsport|fahrrad|ciclis|bici|fiets|wielren|mtb|spinning/,
    'cycling',
  ],
  [/swim|schwimm|natation|nata[cç]|nuoto|zwem|pool|open_water/, 'swimming'],
  [/hik|wander|randonn|senderis|trekk|escursion|trilha|bergsteig|alpinis/, 'hiking'],
  [/walk|gehen|spazier|marche|caminar|caminhada|camminat|wandel|passeggi/, 'walking'],
  [/row|rudern|aviron|remo|roei|canottag/, 'rowing'],
  [/kayak|canoe|kanu|paddl|pirag|canoa/, 'paddling'],
  [/ski(?!p)|langlauf|esqu[ií]|sci_|^sci$/, 'skiing'],
  [/yoga/, 'yoga'],
  [/pilates/, 'pilates'],
  [
    /strength|weight|krafttrain|musculation|muscula|pesas|fuerza|kracht|pesi|gym(?!nast)/,
    'strength',
  ],
  [/climb|klett|escalad|arrampic|klimm/, 'climbing'],
  [/skat|patin|schaats/, 'skating'],
  [/surf/, 'surfing'],
  [/sail|segel|voile|vela|zeil/, 'sailing'],
  [/soccer|fussball|futbol|voetbal|calcio|futebol/, 'soccer'],
  [/tennis|tenis/, 'tennis'],
  [/golf/, 'golf'],
  [/danc|tanz|danse|baile|dans|ballo/, 'dance'],
  [/box|martial|karate|judo|taekwondo/, 'martial_arts'],
  [/cardio|elliptic|crosstrain|stepper|hiit|interval|aerobic/, 'cardio'],
]

/** The name folded to snake_case: 'HKWorkoutActivityTypeTrailRun' → 'trail_run', 'Course à pied' → 'course_a_pied'. */
export function foldSportName(label: string): string {
  return label
    .trim()
    .replace(/^HKWorkoutActivityType/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/**
 * A sport label in the vault's vocabulary ('Run', 'TrailRun', 'Biking', 'HKWorkoutActivityTypeCycling',
 * 'Laufen' → running / cycling …); 'unknown' when absent, the folded name when nothing matches.
 */
export function normalizeSport(label: string | undefined): string {
  if (label === undefined) return 'unknown'
  const key = foldSportName(label)
  if (key === '') return 'unknown'
  const exact = EXACT[key]
  if (exact !== undefined) return exact
  if (KEEP.has(key)) return key
  for (const [stem, sport] of STEMS) if (stem.test(key)) return sport
  return key.slice(0, 60)
}
