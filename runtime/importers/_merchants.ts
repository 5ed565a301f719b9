/**
 * Merchants by category and region: the largest chains people pay in the UK, Ireland, the US,
 * France, Belgium, Germany, Austria, Switzerland, Spain, the Netherlands, Italy and Portugal
 * (supermarkets and discounters, pharmacies and drugstores, fuel, telecoms, energy and water,
 * insurers, rail, airlines, transit and ride-hailing, streaming, restaurants and coffee, e-commerce).
 * Written from general knowledge of those markets, not from statement lines. Keywords are matched
 * like the lexicon's (folded, whole words, `*` for the rest of a word, the longest wins), so
 * `tesco mobile` beats `tesco`. A name that is also a common word or surname in one of our
 * languages is left out or written with what follows it on statements (`iceland foods`, `avis
 * budget`, `otto versand`): a false match is worse than none. Documented in docs/importers.md.
 */
import type { TransactionCategory } from './categories.ts'

/** Merchants of one category in one region. */
export interface MerchantGroup {
  readonly category: TransactionCategory
  /** Where the chains trade, for review: ISO 3166 codes or 'any'. */
  readonly region: string
  readonly keywords: readonly string[]
}

// prettier-ignore
export const MERCHANTS: readonly MerchantGroup[] = [
  // Supermarkets, discounters, convenience and grocery delivery
  { category: 'groceries', region: 'GB IE', keywords: [
    'morrisons', 'ocado', 'co op', 'co op group', 'farmfoods', 'budgens', 'londis', 'nisa local', 'nisa', 'one stop', 'costcutter',
    'iceland foods', 'm s simply food', 'm s food', 'marks spencer food', 'co op food', 'coop food',
    'sainsburys local', 'tesco express', 'tesco stores', 'tesco metro', 'tesco extra', 'lidl gb', 'aldi stores',
    'dunnes stores', 'dunnes', 'supervalu', 'centra', 'mace', 'daybreak', 'gala retail', 'getir', 'gopuff' ] },
  { category: 'groceries', region: 'US', keywords: [
    'publix', 'albertsons', 'h e b', 'meijer', 'food lion', 'giant eagle', 'giant food', 'wegmans',
    'stop shop', 'shoprite', 'hy vee', 'sprouts', 'winn dixie', 'harris teeter', 'ralphs', 'vons', 'fred meyer',
    'winco', 'save a lot', 'instacart', 'costco', 'costco whse', 'sam s club', 'sams club', 'bj s wholesale',
    '7 eleven', '7eleven', 'piggly wiggly', 'aldi us', 'trader joes', 'wholefds', 'whole foods market' ] },
  { category: 'groceries', region: 'FR BE', keywords: [
    'e leclerc', 'super u', 'la mie caline', 'marie blachere', 'ange boulangerie', 'hyper u', 'u express', 'systeme u', 'magasins u', 'leader price', 'picard',
    'biocoop', 'naturalia', 'grand frais', 'vival', 'proxi', '8 a huit', 'cora', 'geant casino',
    'carrefour market', 'carrefour city', 'carrefour express', 'intermarche', 'netto', 'delhaize',
    'ad delhaize', 'colruyt', 'okay compact', 'bio planet', 'louis delhaize', 'match supermarche' ] },
  { category: 'groceries', region: 'DE AT CH', keywords: [
    'aldi nord', 'aldi sud', 'aldi suisse', 'norma', 'globus', 'tegut', 'famila', 'nahkauf', 'alnatura',
    'marktkauf', 'wasgau', 'feneberg', 'mix markt', 'gorillas', 'rewe city', 'edeka center', 'e center',
    'netto marken discount', 'mpreis', 'unimarkt', 'nah frisch', 'adeg', 'billa plus', 'billa ag',
    'migros', 'denner', 'volg', 'coop pronto', 'lidl schweiz', 'bio company', 'basic bio', 'denns' ] },
  { category: 'groceries', region: 'ES PT', keywords: [
    'alcampo', 'consum', 'hipercor', 'supercor', 'bon preu', 'bonpreu', 'caprabo', 'condis', 'gadis',
    'froiz', 'ahorramas', 'coviran', 'masymas', 'hiperdino', 'supermercados dia', 'dia retail', 
    'bm supermercados', 'family cash', 'minipreco', 'meu super', 'intermarche', 'auchan', 'e leclerc',
    'mercadona', 'continente', 'continente modelo', 'pingo doce', 'spar' ] },
  { category: 'groceries', region: 'NL IT', keywords: [
    'ah to go', 'dirk van den broek', 'dekamarkt', 'hoogvliet', 'vomar', 'ekoplaza', 'poiesz', 'nettorama',
    'picnic', 'jan linders', 'eurospin', 'despar', 'md discount', 'bennet', 'tigros',
    'il gigante', 'crai', 'todis', 'naturasi', 'tuodi', 'ipercoop', 'iper', 'penny market',
    'carrefour express', 'pam panorama', 'famila', 'in s mercato' ] },
  // Coffee, tea and pastry chains
  { category: 'cafe', region: 'any', keywords: [
    'caffe nero', 'brioche doree', 'pret a mang*', 'greggs', 'tim hortons', 'dunkin', 'dunkin donuts', 'peet s', 'peets coffee',
    'caribou coffee', 'dutch bros', 'blue bottle', 'black sheep coffee', 'joe the juice', 'krispy kreme',
    'coffee fellows', 'einstein kaffee', 'balzac coffee', 'espresso house', 'segafredo', 'columbus cafe',
    'le pain quotidien', 'mccafe', 'oberlaa', 'douwe egberts', 'bagel bagel', 'tea room', 'salon de the',
    'coffee shop', 'coffeeshop' ] },
  // Restaurants, fast food and delivery
  { category: 'restaurants', region: 'any', keywords: [
    'mcdonalds', 'mc donalds', 'burgerking', 'pizza hut', 'papa john*', 'taco bell', 'wendy s', 'wendys',
    'chipotle', 'chick fil a', 'five guys', 'nando s', 'nandos', 'wagamama', 'pizza express', 'itsu',
    'wasabi', 'yo sushi', 'zizzi', 'prezzo', 'frankie benny s', 'harvester', 'toby carvery',
    'wetherspoon*', 'jd wetherspoon', 'franco manca', 'dishoom', 'shake shack', 'panda express',
    'olive garden', 'applebee s', 'chili s', 'ihop', 'denny s', 'arby s', 'jack in the box', 'popeyes',
    'dairy queen', 'panera', 'buffalo wild wings', 'in n out', 'whataburger', 'sonic drive in', 
    'flunch', 'buffalo grill', 'hippopotamus', 'courtepaille', 'leon de bruxelles', 'del arte',
    'big fernand', 'o tacos', 'quick restaurants', 'vapiano', 'block house', 'hans im gluck', 'nordsee',
    'dean david', 'telepizza', '100 montaditos', 'foster s hollywood', 'vips', 'goiko', 'tgb', 'lizarran',
    'la tagliatella', 'rodilla', 'febo', 'new york pizza', 'autogrill', 'spizzico', 'old wild west',
    'roadhouse', 'deliveroo', 'ubereats', 'uber eats', 'just eat', 'justeat', 'takeaway com', 'wolt',
    'foodora', 'doordash', 'grubhub', 'postmates', 'mjam', 'eat ch', 'too good to go',
    'kfc', 'subway', 'burger king', 'telepizza' ] },
  // Fuel
  { category: 'transport', region: 'any', keywords: [
    'circle k', 'applegreen', 'maxol', 'topaz', 'gulf', 'chevron', 'exxon', 'exxonmobil', 'sunoco',
    'valero', 'citgo', 'speedway', 'wawa', 'sheetz', 'quiktrip', 'racetrac', 'phillips 66', 'conoco',
    'agip', 'tamoil', 'avia', 'orlen', 'migrol', 'socar', 'agrola', 'ballenoil', 'plenoil', 'petroprix',
    'moeve', 'tinq', 'total access', 'total marketing', 'totalenergies', 'total energies', 'esso express', 'jet tank*',
    'star tank*', 'hem tank*', 'westfalen tank*', 'shell deutschland', 'bp express', 'ip italiana petroli',
    'prio energy', 'petronor', 'dyneff', 'texaco' ] },
  // Rail, transit, ride-hailing, micromobility, tolls and parking
  { category: 'transport', region: 'GB IE US', keywords: [
    'trainline', 'thetrainline', 'lner', 'avanti west coast', 'gwr', 'great western railway',
    'southern railway', 'southeastern', 'northern rail', 'northern trains', 'scotrail', 'crosscountry',
    'thameslink', 'greater anglia', 'transport for london', 'tfl travel', 'tfl gov', 'oyster', 'national rail',
    'national express', 'megabus', 'stagecoach', 'first bus', 'arriva', 'addison lee', 'gett',
    'santander cycles', 'ringgo', 'paybyphone', 'justpark', 'ncp', 'dart charge', 'irish rail',
    'iarnrod eireann', 'dublin bus', 'luas', 'leap card', 'bus eireann', 'eflow', 'freenow', 'free now',
    'mta', 'mta nyct', 'omny', 'mbta', 'wmata', 'septa', 'ventra', 'clipper', 'caltrain', 'nj transit',
    'lirr', 'metrolink', 'amtrak', 'greyhound', 'e zpass', 'ezpass', 'fastrak', 'sunpass', 'citi bike',
    'lyft', 'lime', 'lime ride', 'tier mobility', 'voi technology', 'bird rides', 'zipcar', 'halfords',
    'kwik fit', 'dvsa' ] },
  { category: 'transport', region: 'FR BE CH', keywords: [
    'sncf', 'sncf connect', 'oui sncf', 'sncf voyageurs', 'ouigo', 'tgv', 'transilien', 'keolis',
    'transdev', 'tisseo', 'stib', 'mivb', 'sncb', 'nmbs', 'de lijn', 'vinci autoroutes', 'vinci park',
    'aprr', 'sanef', 'autoroutes du sud', 'asf', 'cofiroute', 'bip go', 'ulys', 'indigo parking', 'effia',
    'saemes', 'onepark', 'zenpark', 'interparking', 'g7 taxi', 'taxis g7', 'heetch', 'blablacar', 'velib',
    'cityscoot', 'norauto', 'feu vert', 'midas', 'euromaster', 'carglass', 'sbb', 'sbb cff ffs',
    'cff', 'zvv', 'postauto', 'car postal', 'tpg', 'bls', 'mobility carsharing' ] },
  { category: 'transport', region: 'DE AT', keywords: [
    'db fernverkehr', 'db regio', 'db bahn', 'bahn', 'bahncard', 'db vertrieb', 'db navigator',
    'deutschlandticket', 'mvv', 'mvg', 'hvv', 'vbb', 'rmv', 'vrr', 'vrs', 'kvb', 'vgn', 'vvs', 'rheinbahn',
    'ustra', 'dvb', 'lvb', 'bogestra', 'flixbus', 'flixtrain', 'westbahn', 'asfinag', 'vignette',
    'toll collect', 'adac', 'oamtc', 'apcoa', 'contipark', 'q park', 'easypark', 'park and joy', 'sixt share',
    'share now', 'miles mobility', 'nextbike', 'call a bike', 'tuv', 'dekra', 'pitstop', 'reifen*' ] },
  { category: 'transport', region: 'ES PT NL IT', keywords: [
    'cercanias', 'metro de madrid', 'emt madrid', 'tmb', 'fgc', 'alsa', 'iryo', 'avlo', 'cabify',
    'autopista', 'autopistas', 'via t', 'telpark', 'empark', 'saba', 'gvb', 'htm', 'connexxion', 'qbuzz',
    'ovpay', 'ov fiets', 'ns groep', 'ns international', 'ns', 'yellowbrick', 'parkmobile', 'anwb', 'swapfiets',
    'trenord', 'atm milano', 'atac', 'gtt', 'autostrade', 'autostrade per l italia', 'telepass', 'mycicero',
    'itabus', 'comboios de portugal', 'carris', 'metro lisboa', 'metropolitano de lisboa',
    'metro do porto', 'navegante', 'via verde', 'brisa', 'emel', 'rede expressos', 'fertagus', 'andante' ] },
  // Airlines, trains abroad, ferries, hotels, car rental, travel agents
  { category: 'travel', region: 'any', keywords: [
    'british airways', 'aer lingus', 'virgin atlantic', 'jet2', 'jet2 com', 'jet2holidays', 'tui', 'wizz air',
    'wizzair', 'eurowings', 'condor', 'austrian airlines', 'swiss international', 'edelweiss', 'transavia',
    'brussels airlines', 'air europa', 'volotea', 'binter', 'tap portugal', 'tap air portugal',
    'norwegian air*', 'finnair', 'scandinavian airlines', 'flysas', 'emirates', 'qatar airways', 'turkish airlines', 'delta air*',
    'united airlines', 'american air*', 'southwest air*', 'jetblue', 'alaska air*', 'spirit air*',
    'frontier air*', 'air canada', 'aegean', 'expedia', 'hotels com', 'trivago', 'marriott', 'hilton',
    'hyatt', 'ihg', 'holiday inn', 'premier inn', 'travelodge', 'ibis', 'accor*', 'novotel', 'mercure',
    'melia', 'best western', 'radisson', 'motel one', 'b b hotels', 'campanile', 'kyriad', 'center parcs',
    'eurostar', 'eurotunnel', 'le shuttle', 'thalys', 'tgv lyria', 'p o ferries', 'stena line',
    'brittany ferries', 'dfds', 'irish ferries', 'balearia', 'trasmediterranea', 'moby lines',
    'tirrenia', 'grimaldi', 'gnv', 'opodo', 'edreams', 'lastminute', 'lastminute com', 'skyscanner',
    'hostelworld', 'hotelbeds', 'holidaycheck', 'ab in den urlaub', 'weg de', 'hertz', 'avis budget',
    'avis rent', 'europcar', 'sixt', 'enterprise rent', 'alamo', 'goldcar', 'record go', 'centauro',
    'rentalcars', 'rentalcars com', 'getyourguide', 'viator', 'vrbo', 'hometogo', 'agoda' ] },
  // Telecoms (mobile) and internet providers
  { category: 'phone', region: 'any', keywords: [
    'ee', 'three uk', 'hutchison 3g', 'giffgaff', 'tesco mobile', 'lyca*', 'lebara', 'smarty', 'id mobile',
    'voxi', 'sky mobile', 'three ireland', 'eir mobile', 'gomo', 'tello', 't mobile', 'tmobile', 
    'cricket wireless', 'metro by t mobile', 'mint mobile', 'sosh', 'red by sfr', 'b you', 'bouygues telecom',
    'free telecom', 'proximus', 'orange belgium', 'congstar', 'aldi talk', 'otelo', 'blau mobilfunk', 'fonic',
    'klarmobil', 'freenet', 'mobilcom*', 'telefonica', 'o2 germany', 'a1 telekom', 'a1 telekom austria', 'magenta', 
    'yesss', 'spusu', 'swisscom', 'sunrise communications', 'sunrise upc', 'salt mobile', 'wingo', 'yallo',
    'yoigo', 'masmovil', 'digi mobil', 'lowi', 'pepephone', 'simyo', 'odido', 'simpel', 'tele2', 'ben nl',
    'hollandsnieuwe', 'youfone', 'telecom italia', 'tim spa', 'telecom italia mobile', 'windtre', 'wind tre', 'iliad', 'ho mobile', 'kena mobile',
    'postemobile', 'nos comunicacoes', 'nowo', 'uzo', '1 1 telecom*', '1und1', '1 1 internet', 'telekom deutschland',
    'drillisch', 'drillisch online', 'winsim', 'premiumsim', 'smartmobil', 'yourfone', 'sim de', 'deutschlandsim',
    'maxxim', 'discotel', 'handyvertrag de', 'nettokom', 'ja mobil', 'lidl connect', 'edeka smart', 'fraenk',
    'netzclub', 'mobi', 'helloMobil', 'wowww', 'bob mobile' ] },
  { category: 'internet', region: 'any', keywords: [
    'virgin media', 'bt group', 'bt broadband', 'british telecom*', 'talktalk', 'plusnet', 'sky broadband',
    'hyperoptic', 'community fibre', 'vodafone broadband', 'eir broadband', 'xfinity', 'spectrum', 'cox communications',
    'frontier communications', 'freebox', 'free fibre', 'livebox', 'telenet', 'pyur',
    'unitymedia', 'netcologne', 'm net', 'deutsche glasfaser', 'upc', 'magenta tv', 'jazztel', 'digi fibra',
    'odido thuis', 'delta fiber', 'caiway', 'starlink', 'nos internet', 'internet sfr', 'sfr internet', 'sfr box', 'box sfr',
    'internet orange', 'internet bouygues', 'bbox', 'internet free', 'net servicos', 'net combo' ] },
  // Energy and water
  { category: 'utilities', region: 'GB IE US', keywords: [
    'british gas', 'octopus energy', 'ovo energy', 'ovo', 'scottish power', 'sse energy', 'sse airtricity',
    'bulb energy', 'npower', 'e on next', 'eon next', 'utility warehouse', 'thames water', 'severn trent',
    'anglian water', 'united utilities', 'yorkshire water', 'southern water', 'welsh water', 'affinity water',
    'electric ireland', 'bord gais', 'energia', 'flogas', 'irish water', 'uisce eireann', 'con edison', 'coned',
    'pg e', 'pge', 'duke energy', 'southern california edison', 'xcel energy', 'dominion energy',
    'national grid', 'dte energy', 'consumers energy', 'georgia power', 'fpl', 'florida power' ] },
  { category: 'utilities', region: 'FR BE CH DE AT', keywords: [
    'edf', 'engie', 'engie electrabel', 'veolia', 'suez', 'eau de paris', 'grdf', 'enedis', 'ekwateur', 'erdf', 'gdf suez',
    'ohm energie', 'mint energie', 'luminus', 'mega energy', 'fluvius', 'vivaqua', 'de watergroep', 'pidpa',
    'water link', 'e on', 'eon', 'rwe', 'enbw', 'yello', 'lichtblick', 'innogy', 'mainova', 'n ergie', 'swm',
    'wasserwerk*', 'wasserversorgung', 'verbund', 'energie ag', 'salzburg ag', 'kelag', 'tiwag', 'energie steiermark',
    'ewz', 'bkw', 'iwb', 'groupe e', 'romande energie', 'sig geneve', 'tibber', 'ostrom' ] },
  { category: 'utilities', region: 'ES NL IT PT', keywords: [
    'holaluz', 'canal de isabel', 'canal isabel ii', 'aguas de barcelona', 'agbar', 'aigues de barcelona',
    'totalenergies clientes', 'greenchoice', 'budget energie', 'vitens', 'evides', 'waternet', 'brabant water',
    'dunea', 'pwn', 'oasen', 'enel energia', 'eni plenitude', 'plenitude', 'a2a', 'hera', 'iren', 'acea',
    'edison energia', 'sorgenia', 'edp comercial', 'edp', 'epal', 'aguas de portugal', 'goldenergy', 'galp energia' ] },
  // Insurers (private health insurers included; statutory health funds are under health in the lexicon)
  { category: 'insurance', region: 'GB IE US', keywords: [
    'aviva', 'direct line', 'admiral', 'legal general', 'churchill', 'lv insurance', 'liverpool victoria', 'zurich insurance', 'zurich assurance', 'hastings direct', 
    'prudential', 'vitality', 'bupa', 'simplyhealth', 'royal london', 'esure', 'sheilas wheels',
    'more than', 'fbd', 'laya', 'laya healthcare', 'irish life', 'vhi', 'geico', 'state farm', 'progressive',
    'allstate', 'liberty mutual', 'farmers insurance', 'metlife', 'aetna', 'cigna', 'unitedhealthcare',
    'blue cross', 'kaiser permanente', 'humana', 'lemonade', 'john hancock', 'new york life', 'northwestern mutual',
    'massmutual', 'mass mutual', 'aflac', 'usaa', 'nationwide insurance', 'transamerica', 'lincoln financial' ] },
  { category: 'insurance', region: 'FR BE CH', keywords: [
    'maaf', 'matmut', 'gmf', 'groupama', 'mma iard', 'mma assurances', 'harmonie mutuelle', 'mgen', 'ag2r', 'malakoff humanis',
    'pacifica', 'covea', 'ag insurance', 'ethias', 'baloise', 'belfius assurances', 'dkv',
    'die mobiliar', 'la mobiliere', 'helvetia', 'vaudoise', 'swiss life', 'css', 'helsana', 'swica',
    'sanitas', 'visana', 'groupe mutuel', 'assura', 'kpt', 'sympany', 'okk', 'krankenkasse' ] },
  { category: 'insurance', region: 'DE AT', keywords: [
    'huk coburg', 'huk24', 'ergo', 'devk', 'r v', 'debeka', 'signal iduna', 'gothaer', 'hdi', 'provinzial',
    'wgv', 'lvm', 'barmenia', 'continentale', 'wurttembergische', 'cosmosdirekt', 'hansemerkur',
    'alte leipziger', 'vhv', 'wiener stadtische', 'donau versicherung', 'grazer wechselseitige', 'merkur versicherung',
    'verti' ] },
  { category: 'insurance', region: 'ES NL IT PT', keywords: [
    'mutua madrilena', 'linea directa', 'adeslas', 'asisa', 'santalucia', 'ocaso', 'caser', 'reale seguros',
    'pelayo', 'liberty seguros', 'catalana occidente', 'nationale nederlanden', 'centraal beheer',
    'interpolis', 'fbto', 'unive', 'asr', 'achmea', 'aegon', 'zilveren kruis', 'vgz', 'menzis', 
    'ohra', 'ditzo', 'unipolsai', 'unipol', 'reale mutua', 'poste assicura', 'cattolica', 'vittoria assicurazioni',
    'genertel', 'linear', 'prima assicurazioni', 'tranquilidade', 'ageas', 'ocidental', 'multicare', 'medis' ] },
  // Streaming, software, news and other subscriptions
  { category: 'subscriptions', region: 'any', keywords: [
    'amazon web services', 'aws amazon', 'aws emea', 'google cloud', 'microsoft azure', 'digitalocean', 'heroku',
    'github', 'itunes', 'itunes com', 'apple itunes', 'icloud',
    'audible', 'kindle unlimited', 'hbo', 'hbo max', 'max com', 'paramount', 'paramountplus', 'hulu',
    'peacock', 'dazn', 'now tv', 'nowtv', 'sky digital', 'sky uk', 'sky deutschland', 'wow tv', 'canal plus',
    'canalplus', 'tidal', 'youtube', 'youtube premium', 'youtubepremium', 'google one', 'google play',
    'microsoft 365', 'microsoft', 'msft', 'xbox game pass', 'adobe', 'icloud', 'apple com', 'apple music',
    'apple tv', 'openai', 'chatgpt', 'substack', 'medium com', 'headspace', 'calm com', 'nytimes',
    'new york times', 'the guardian', 'spiegel', 'zeit online', 'le monde', 'el pais', 'videoland',
    'npo plus', 'joyn', 'molotov', 'filmin', 'movistar plus', 'timvision', 
    'nordvpn', 'proton ag', 'protonmail', 'expressvpn', '1password', 'lastpass', 'linkedin', 'tinder', 'bumble', 
    'onlyfans', 'crunchyroll', 'uber one', 'amazon prime', 'prime video', 'amznprime', 'wsj', 'ft com',
    'financial times', 'the economist', 'bild plus', 'sueddeutsche', 'le figaro', 
    'la repubblica' ] },
  // Pharmacies, drugstores, opticians
  { category: 'health', region: 'any', keywords: [
    'lloydspharmacy', 'superdrug', 'walgreens', 'cvs', 'cvs pharmacy', 'rite aid', 'duane reade', 'mccabes',
    'hickeys', 'dm drogerie*', 'dm markt', 'rossmann', 'bipa', 'kruidvat', 'etos', 'docmorris', 'shop apotheke',
    'medpex', 'redcare', 'specsavers', 'vision express', 'fielmann', 'apollo optik', 'afflelou', 'optic 2000',
    'krys', 'grandvision', 'pearle', 'hans anders', 'general optica', 'multiopticas', 'salmoiraghi',
    'multiopticas', 'doctolib', 'nhs', 'cpam', 'amavita', 'sun store', 'farmacias trebol', 'wells pharmacy',
    'boots pharmacy' ] },
  // Beauty and hairdressers
  { category: 'beauty', region: 'any', keywords: [
    'nocibe', 'marionnaud', 'yves rocher', 'the body shop', 'lush', 'rituals', 'kiko', 'mac cosmetics',
    'ulta', 'sally beauty', 'primor', 'druni', 'jean louis david', 'franck provost', 'dessange', 'toni guy',
    'klier', 'essanelle', 'ici paris xl', 'notino', 'flaconi', 'lookfantastic', 'treatwell' ] },
  // Gyms, sports shops and apps
  { category: 'sports', region: 'any', keywords: [
    'puregym', 'the gym group', 'david lloyd', 'virgin active', 'anytime fitness', 'planet fitness',
    'la fitness', 'equinox', 'crunch fitness', 'orangetheory', 'f45', 'clever fit', 'fitx', 'john reed',
    'urban sports club', 'holmes place', 'keep cool', 'keepcool', 'easyfit', 'fitness park',
    'l orange bleue', 'neoness', 'snap fitness', 'trainmore', 'gymbox', 'jd sports', 'foot locker',
    'go sport', 'sports direct', 'bergfreunde', 'globetrotter', 'sport 2000', 'sportscheck', 'xxl sport',
    'strava', 'peloton', 'zwift', 'komoot', 'garmin connect', 'wiggle', 'rose bikes', 'canyon bicycles',
    'padel', 'squash', 'badminton', 'skipass', 'ski pass', 'forfait ski', 'skischule', 'kletterhalle',
    'boulderhalle', 'escalade', 'climbing' ] },
  // Cinemas, tickets, parks, games, books and betting
  { category: 'leisure', region: 'any', keywords: [
    'odeon', 'cineworld', 'picturehouse', 'vue cinema*', 'amc theatres', 'regal cinemas', 'ugc', 'pathe',
    'gaumont', 'kinepolis', 'cinemaxx', 'cineplexx', 'uci kinowelt', 'cinesa', 'yelmo cines', 'the space cinema',
    'eventim', 'see tickets', 'seetickets', 'eventbrite', 'stubhub', 'viagogo', 'live nation', 'dice fm',
    'ticketswap', 'disneyland', 'parc asterix', 'europa park', 'phantasialand', 'efteling',
    'port aventura', 'portaventura', 'gardaland', 'legoland', 'madame tussauds', 'merlin entertainments',
    'epic games', 'blizzard', 'riot games', 'ea games', 'twitch', 'kindle', 'bet365', 'betfair',
    'paddy power', 'william hill', 'ladbrokes', 'sky bet', 'pmu', 'fdj', 'tipico', 'bwin', 'sisal', 'snai',
    'lottomatica', 'loterias y apuestas', 'national lottery', 'zoo', 'tierpark', 'freizeitpark', 'bowling',
    'escape room' ] },
  // Bookshops are shops (LABELLING.md `shopping`: bookshops, FNAC, Librairie)
  { category: 'shopping', region: 'any', keywords: [
    'waterstones', 'whsmith', 'wh smith', 'barnes noble', 'thalia', 'hugendubel', 'librairie', 'buchhandlung',
    'boekhandel', 'libreria', 'livraria', 'casa del libro', 'feltrinelli', 'livraria bertrand', 'gibert',
    'gibert joseph', 'cultura', 'decitre', 'furet du nord', 'bruna', 'ak boekhandel', 'mondadori store' ] },
  // Shops and e-commerce
  { category: 'shopping', region: 'any', keywords: [
    'amzn mktp', 'amzn*', 'amazon*', 'amazon marketplace', 'amazon eu', 'amazon de', 'amazon fr', 'amazon es', 'amazon it',
    'amazon co uk', 'amazon com', 'amzn digital', 'vinted', 'wallapop', 'leboncoin', 'marktplaats', 'subito',
    'kleinanzeigen', 'shein', 'temu', 'asos', 'about you', 'otto versand', 'otto gmbh', 'mango', 'uniqlo',
    'tk maxx', 'tj maxx', 'tjmaxx', 'marshalls', 'peek cloppenburg', 'galeria kaufhof', 
    'karstadt', 'kaufhof', 'breuninger', 'fnac darty', 'darty', 'boulanger', 'cdiscount', 'la redoute',
    'kiabi', 'celio', 'galeries lafayette', 'printemps', 'bhv', 'action', 'hema', 'blokker',
    'bijenkorf', 'coolblue', 'wehkamp', 'cyberport', 'conrad electronic', 'notebooksbilliger', 'euronics',
    'currys', 'argos', 'john lewis', 'marks spencer', 'debenhams', 'very co uk', 'the range',
    'home bargains', 'poundland', 'poundstretcher', 'wilko', 'matalan', 'river island', 'new look',
    'penneys', 'target', 'walmart', 'wm supercenter', 'walmart supercenter', 'wal mart', 'best buy', 'macy s', 'macys', 'nordstrom', 'kohl s',
    'kohls', 'ross stores', 'dollar tree', 'dollar general', 'family dollar', 'old navy', 'tedi', 'kik',
    'woolworth', 'pepco', 'nkd', 'deichmann', 'flying tiger', 'sostrene grene', 'muji', 'lefties',
    'pull bear', 'bershka', 'stradivarius', 'massimo dutti', 'oysho', 'cortefiel',
    'worten', 'pccomponentes', 'unieuro', 'mediaworld', 'trony', 'ovs', 'rinascente', 'zeeman', 'wibra',
    'xenos', 'fressnapf', 'maxi zoo', 'zooplus', 'zooplus de', 'tchibo shop', 'globus warenhaus',
    'jumbo pt', 'el corte ingles', 'primark', 'zalando', 'decathlon online', 'apple store', 'apple online',
    'samsung', 'dyson', 'lego', 'smyths', 'toys r us', 'king jouet', 'la grande recre', 'intertoys' ] },
  // DIY, furniture and garden
  { category: 'home', region: 'any', keywords: [
    'wickes', 'screwfix', 'toolstation', 'dunelm', 'home depot', 'the home depot', 'lowe s', 'lowes',
    'menards', 'ace hardware', 'bed bath beyond', 'wayfair', 'woodie s', 'woodies', 'mr bricolage',
    'weldom', 'bricomarche', 'conforama', 'maisons du monde', 'alinea', 'toom', 'hagebau*', 
    'hoffner', 'segmuller', 'porta mobel', 'jysk', 'danisches bettenlager', 'karwei', 'hubo',
    'intratuin', 'leen bakker', 'kwantum', 'bricoman', 'bricomart', 'bricocenter', 'mondo convenienza',
    'dehner', 'truffaut', 'botanic', 'jardiland', 'gartencenter', 'garden centre', 'jardinerie',
    'tuincentrum', 'vivero', 'kiwoko', 'homesense', 'kave home', 'westwing', 'depot deko', 
    'zara home', 'h m home', 'xxxlutz', 'mobelix', 'moemax' ] },
  // Charities and fundraising platforms
  { category: 'charity', region: 'any', keywords: [
    'msf', 'medecins sans frontieres', 'arzte ohne grenzen', 'medicos sin fronteras', 'artsen zonder grenzen',
    'medici senza frontiere', 'amnesty', 'greenpeace', 'wwf', 'save the children', 'cancer research',
    'british heart foundation', 'macmillan', 'barnardo s', 'rspca', 'nspcc', 'caritas', 'diakonie',
    'brot fur die welt', 'misereor', 'sos kinderdorf', 'secours populaire', 'secours catholique',
    'restos du coeur', 'emmaus', 'fondation de france', 'telethon', 'justgiving', 'gofundme', 'betterplace',
    'unhcr', 'plan international', 'action contre la faim', 'aldeas infantiles', 'manos unidas', 'kwf',
    'trocaire', 'goal global', 'concern worldwide', 'leetchi', 'helloasso' ] },
  // Schools and learning platforms
  { category: 'education', region: 'any', keywords: [
    'udemy', 'coursera', 'skillshare', 'masterclass', 'babbel', 'duolingo', 'busuu', 'open university',
    'volkshochschule', 'vhs', 'studentenwerk', 'crous' ] },
  // Singapore: the largest chains, for the DBS/POSB, OCBC and UOB exports in English
  { category: 'groceries', region: 'SG', keywords: [
    'cold storage', 'ntuc fairprice', 'fairprice', 'fairprice finest', 'fairprice xtra', 'sheng siong',
    'giant hypermarket', 'giant supermarket', 'prime supermarket', 'market place jasons', 'redmart', 'don don donki' ] },
  { category: 'transport', region: 'SG', keywords: [
    'simplygo', 'ez link', 'ezlink', 'transitlink', 'smrt', 'sbs transit', 'comfortdelgro', 'gojek', 'tada',
    'bus mrt' ] },
  { category: 'phone', region: 'SG', keywords: [ 'singtel', 'starhub', 'm1 limited', 'circles life', 'giga sg' ] },
  { category: 'utilities', region: 'SG', keywords: [ 'sp services', 'sp group', 'pub water', 'geneco' ] },
  { category: 'restaurants', region: 'SG', keywords: [ 'grabfood', 'foodpanda', 'ya kun', 'toast box', 'kopitiam' ] },
  // Brazil (Portuguese-language exports): marketplaces and telecoms
  { category: 'shopping', region: 'BR', keywords: [
    'mercado livre', 'mercadolivre', 'mlivre', 'mercado libre', 'mercadopago', 'mercado pago', 'americanas',
    'magazine luiza', 'magalu', 'casas bahia' ] },
  { category: 'phone', region: 'BR', keywords: [ 'vivo', 'claro', 'tim brasil', 'oi movel' ] },
  { category: 'insurance', region: 'BR', keywords: [
    'unimed', 'amil', 'bradesco saude', 'sulamerica', 'hapvida', 'notredame intermedica', 'porto seguro',
    'azul seguros', 'azul seguro auto' ] },
  { category: 'utilities', region: 'NL', keywords: [ 'nuon', 'essent', 'greenchoice', 'budget energie' ] },
  // Brazil: supermarkets, pharmacies, shops, delivery, utilities, travel, leisure
  { category: 'groceries', region: 'BR', keywords: [
    'pao de acucar', 'assai', 'assai atacadista', 'atacadao', 'zaffari', 'sonda', 'savegnago', 'hortifruti',
    'st marche', 'oba hortifruti', 'supermercados bh', 'comper', 'bretas', 'giassi' ] },
  { category: 'health', region: 'BR', keywords: [
    'panvel', 'drogaria pacheco', 'drogarias nissei', 'drogaria araujo', 'dasa', 'fleury', 'hermes pardini' ] },
  { category: 'shopping', region: 'BR', keywords: [
    'lojas renner', 'renner', 'riachuelo', 'shopee', 'kalunga', 'ponto frio', 'fast shop', 'kabum', 'shein',
    'lojas americanas', 'marisa', 'havan', 'c a modas' ] },
  { category: 'restaurants', region: 'BR', keywords: [
    // `IFD*` is iFood's card descriptor.
    'ifood', 'ifd', 'rappi', 'habibs', 'outback steakhouse', 'giraffas', 'spoleto', 'bobs', 'china in box',
    'coco bambu', 'madero' ] },
  { category: 'utilities', region: 'BR', keywords: [
    'cemig', 'copel', 'sabesp', 'copasa', 'sanepar', 'comgas', 'cpfl', 'celesc', 'coelba', 'neoenergia',
    'equatorial energia', 'embasa', 'cedae', 'compesa', 'caesb', 'corsan', 'light sa' ] },
  { category: 'internet', region: 'BR', keywords: [
    'sky brasil', 'net virtua', 'claro net', 'vivo fibra', 'oi fibra', 'claro tv' ] },
  { category: 'subscriptions', region: 'BR', keywords: [ 'globoplay', 'telecine', 'premiere fc' ] },
  { category: 'travel', region: 'BR', keywords: [
    'localiza', 'movida aluguel', 'movida rent', 'azul linhas', 'voeazul', 'gol linhas', 'voegol', 'latam',
    'latam airlines', 'decolar', 'cvc viagens', '123milhas', 'smiles' ] },
  { category: 'transport', region: 'BR', keywords: [
    'estapar', 'sptrans', 'bilhete unico', 'riocard', 'cptm', 'metro sp', 'buser', 'raizen', '99 taxi' ] },
  { category: 'leisure', region: 'BR', keywords: [ 'sympla', 'ingresso com', 'eventim' ] },
  { category: 'home', region: 'BR', keywords: [ 'telhanorte', 'tok stok', 'tokstok', 'madeiramadeira' ] },
  { category: 'sports', region: 'BR', keywords: [ 'netshoes' ] },
  { category: 'groceries', region: 'BR', keywords: [ 'zona sul', 'supermercado zona sul', 'prezunic' ] },
  { category: 'home', region: 'BR', keywords: [ 'camicado' ] },
  { category: 'shopping', region: 'BR', keywords: [ 'casa e video', 'casa video' ] },
  { category: 'transport', region: 'BR', keywords: [ 'metro rio', 'metrorio', 'metro rj', 'supervia' ] },
  { category: 'beauty', region: 'BR', keywords: [ 'o boticario', 'boticario', 'natura cosmeticos', 'eudora' ] },
  // Portugal, Italy, the Netherlands: chains not above
  { category: 'shopping', region: 'PT IT', keywords: [
    'radio popular', 'bertrand livreiros', 'livraria bertrand', 'mondadori' ] },
  { category: 'health', region: 'PT', keywords: [ 'hospital cuf', 'clinica cuf', 'lusiadas' ] },
  { category: 'internet', region: 'PT', keywords: [ 'nowo' ] },
  { category: 'groceries', region: 'NL', keywords: [ 'dirk van den broek', 'dirk vd broek' ] },
  { category: 'education', region: 'US', keywords: [ 'kindercare', 'bright horizons', 'goddard school' ] },
  { category: 'utilities', region: 'US', keywords: [ 'con ed', 'coned', 'consolidated edison' ] },
  // Australia and New Zealand (English exports): transit, fuel, parking, supermarkets, telecoms
  { category: 'transport', region: 'AU NZ', keywords: [
    'auckland transport', 'at hop', 'metlink', 'snapper', 'z energy', 'gull nz', 'caltex', 'ampol',
    'bp connect', 'wilson parking', 'tournament parking', 'myki', 'translink', 'opal card', 'transport for nsw',
    'public transport victoria', 'ptv' ] },
  { category: 'groceries', region: 'AU NZ', keywords: [
    'countdown', 'new world', 'pak n save', 'paknsave', 'four square', 'fresh choice', 'coles', 'woolworths metro',
    'iga' ] },
  { category: 'phone', region: 'AU NZ', keywords: [ 'spark nz', 'one nz', '2degrees', 'skinny mobile', 'telstra', 'optus' ] },
  // Web hosting and domains, billed like subscriptions
  { category: 'subscriptions', region: 'any', keywords: [
    'slicehost', 'linode', 'hetzner', 'ovh', 'ovhcloud', 'ionos', 'godaddy', 'namecheap', 'bluehost', 'hostgator',
    'siteground', 'strato', 'netlify', 'vercel', 'cloudflare', 'squarespace', 'wix com',
    // Longer than `amazon` (shopping): Amazon's cloud.
    'amazon aws', 'aws' ] },
  // Shops across Europe not above: music gear, game keys, clothes, mail order, office supplies, post.
  { category: 'shopping', region: 'DE FR NL UK US', keywords: [
    'thomann', 'musikhaus thomann', 'armand thiery', '3 suisses', 'les3suisses', 'trois suisses', 'staples',
    'postnl', 'koninklijke postnl' ] },
  { category: 'leisure', region: 'any', keywords: [ 'g2a', 'g2a com' ] },
]

/**
 * Chains whose name is a common word, a letter or an abbreviation (`Z` fuel stations, Brazil's `NET`
 * cable, Spain's `DIA`, the Dutch fuel chain `Tango`): matched only as the first words of the
 * merchant's name, after the payment prefixes and terminal noise are cut, and only when the lexicon
 * found nothing. Folded keys, one or two words.
 */
// prettier-ignore
export const LEADING_MERCHANTS: Readonly<Record<string, TransactionCategory>> = {
  z: 'transport', tango: 'transport', jet: 'transport', ip: 'transport', erg: 'transport', oil: 'transport',
  tournament: 'transport', gull: 'transport', 'q park': 'transport',
  net: 'internet', 'net servicos': 'internet', 'net combo': 'internet', nos: 'internet',
  tim: 'phone', oi: 'phone', ee: 'phone', three: 'phone', '1 1': 'internet',
  dia: 'groceries', dm: 'health', 'c a': 'shopping', unes: 'groceries', extra: 'groceries',
  prio: 'transport', aki: 'home', cuf: 'health', gol: 'travel', azul: 'travel',
  // Brazil's `Posto …` (a filling station), the `Mobil` fuel brand, `Sky` pay TV.
  posto: 'transport', mobil: 'transport', sky: 'internet',
  // Azul Seguros (Porto Seguro's car insurer) cut to 22 characters on card statements, not the airline.
  'azul se': 'insurance',
}
