/**
 * Merchants by category and region: the largest chains people pay in the UK, Ireland, the US,
 * Canada, Australia, France, Belgium, Germany, Austria, Switzerland, Spain, the Netherlands, Italy,
 * Portugal, Brazil, Mexico, Chile and Argentina
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
  // Wider vocabulary, by category and region (second pass, general knowledge of each market; same
  // rules: folded, whole words, a common word or surname only with what follows it on statements).
  { category: 'groceries', region: 'GB IE AU CA', keywords: [
    'amazon fresh', 'heron foods', 'planet organic', 'makro', 'booker wholesale', 'whistlestop',
    'tesco ireland', 'loblaws', 'loblaw', 'no frills', 'real canadian superstore', 'sobeys', 'save on foods',
    'food basics', 'freshco', 'provigo', 'zehrs', 'fortinos', 'valu mart', 'your independent grocer',
    't t supermarket', 'farm boy', 'thrifty foods', 'foodland', 'woolworths', 'woolworths supermarket',
    'foodworks', 'drakes supermarket', 'harris farm', 'bakers delight', 'dan murphys', 'dan murphy s',
    'liquorland', 'first choice liquor', 'bws liquor', 'thirsty camel', 'bottlemart', 'recheio cash carry',
    'roldao atacadista', 'tiendas soriana', 'soriana hiper', 'soriana super' ] },
  { category: 'groceries', region: 'US', keywords: [
    'food 4 less', 'foodmaxx', 'smart final', 'stater bros', 'weis markets', 'price chopper', 'market basket',
    'acme markets', 'jewel osco', 'king soopers', 'smiths food', 'frys food', 'qfc', 'ingles markets',
    'food city', 'lowes foods', 'schnucks', 'dierbergs', 'heinens', 'fairway market', 'key food', 'gristedes',
    'h mart', 'hmart', '99 ranch', 'fiesta mart', 'northgate market', 'grocery outlet', 'fresh thyme',
    'natural grocers', 'the fresh market', 'bashas', 'tops markets', 'brookshire brothers', 'brookshires',
    'pick n save', 'dillons food', 'bi lo', 'cub foods', 'lucky supermarkets', 'total wine', 'bevmo' ] },
  { category: 'groceries', region: 'FR BE CH', keywords: [
    'la vie claire', 'bio c bon', 'g20', 'coccinelle express', 'sherpa supermarche', 'promocash',
    'metro cash', 'la grande epicerie', 'maison kayser', 'eric kayser', 'smatch', 'proxy delhaize',
    'shop n go', 'renmans', 'migrolino', 'manor food', 'aldi marche', 'lidl france', 'monop',
    'carrefour contact', 'carrefour montagne', 'simply market', 'leader price express', 'aldi belgium',
    'spar colruyt', 'colruyt laagste prijzen', 'cru colruyt', 'lidl belgium' ] },
  { category: 'groceries', region: 'DE AT', keywords: [
    'rewe markt', 'rewe to go', 'penny markt', 'citti markt', 'selgros', 'knuspr', 'bofrost',
    'kamps backerei', 'backwerk', 'ditsch', 'le crobag', 'wiener feinbacker', 'lila backer', 'backfactory',
    'back factory', 'sternenbeck', 'edeka markt', 'kaufland filiale', 'netto filiale', 'hit markt', 'v markt',
    'combi markt', 'maximarkt', 'sutterluty', 'ankerbrot', 'stroeck', 'der mann backerei', 'billa corso',
    'spar gourmet', 'hofer kg' ] },
  { category: 'groceries', region: 'NL ES PT IT', keywords: [
    'boons markt', 'marqt', 'bakker bart', 'vlaamsch broodhuys', 'coop supermarkt', 'plus supermarkt',
    'jumbo supermarkten', 'albert heijn to go', 'supermercados lupa', 'bonarea', 'bon area',
    'ametller origen', 'sorli', 'plusfresc', 'supersol', 'horno san onofre', 'mercadona sa',
    'continente bom dia', 'coop alleanza', 'novacoop', 'unicoop', 'basko', 'iper la grande i',
    'sigma supermercati', 'carrefour iper', 'supermercati pam', 'lidl italia', 'aldi italia', 'esselunga spa',
    'conad city', 'conad superstore' ] },
  { category: 'groceries', region: 'BR MX CL AR', keywords: [
    'supermercados guanabara', 'tenda atacado', 'max atacadista', 'fort atacadista', 'mateus supermercados',
    'angeloni', 'super muffato', 'muffato', 'gbarbosa', 'bompreco', 'carrefour bairro', 'mart minas', 'oxxo',
    'chedraui', 'la comer', 'bodega aurrera', 'superama', 'calimax', 'casa ley', 'fresko', 'city market',
    'unimarc', 'tottus', 'hiper lider', 'lider express', 'express de lider', 'supermercado lider',
    'ok market', 'coto cicsa', 'supermercados coto', 'la anonima', 'changomas', 'chango mas' ] },
  { category: 'cafe', region: 'any', keywords: [
    'butlers chocolate', 'bewleys', 'ritazza', 'caffe ritazza', 'second cup', 'biggby', 'woyton', 'sprungli',
    'caffe spettacolo', 'la croissanterie', 'bagels beans', 'anne max', 'delta cafes', 'gloria jeans',
    'muffin break', 'costa express', 'tim horton s' ] },
  { category: 'restaurants', region: 'US CA AU', keywords: [
    'carl s jr', 'carls jr', 'hardee s', 'hardees', 'jimmy john s', 'jimmy johns', 'jersey mike s',
    'jersey mikes', 'firehouse subs', 'wingstop', 'zaxby s', 'zaxbys', 'raising cane s', 'raising canes',
    'culver s', 'culvers', 'qdoba', 'moe s southwest', 'el pollo loco', 'del taco', 'little caesars',
    'papa murphy s', 'marco s pizza', 'cracker barrel', 'red lobster', 'texas roadhouse',
    'longhorn steakhouse', 'red robin', 'ruby tuesday', 'tgi friday s', 'tgi fridays', 'cheesecake factory',
    'p f chang s', 'pf changs', 'waffle house', 'bob evans', 'golden corral', 'steak n shake', 'white castle',
    'bojangles', 'church s chicken', 'long john silver s', 'jollibee', 'sweetgreen', 'cava grill',
    'noodles company', 'portillo s', 'smashburger', 'jamba juice', 'smoothie king', 'cinnabon',
    'auntie anne s', 'baskin robbins', 'cold stone creamery', 'ben jerry s', 'skipthedishes',
    'skip the dishes', 'menulog', 'hungry jack s', 'hungry jacks', 'red rooster', 'guzman y gomez',
    'zambrero', 'mary brown s', 'swiss chalet', 'boston pizza', 'east side mario s', 'a w restaurant*',
    'dennys', 'applebees', 'chilis grill', 'arbys', 'sonic drive', 'taco john s', 'crumbl cookies',
    'insomnia cookies', 'potbelly sandwich' ] },
  { category: 'restaurants', region: 'GB IE', keywords: [
    'gourmet burger kitchen', 'byron burgers', 'honest burgers', 'bella italia', 'ask italian', 'las iguanas',
    'beefeater grill', 'brewers fayre', 'miller carter', 'chopstix', 'boojum', 'apache pizza', 'supermacs',
    'supermac s', 'eddie rockets', 'eddie rocket s', 'four star pizza', 'giraffe restaurant',
    'tortilla mexican grill', 'pizza pilgrims', 'rosa s thai', 'banana tree', 'slim chickens', 'wingstop uk',
    'german doner kebab', 'pho restaurant', 'mowgli street food', 'tasty pot', 'burger and lobster',
    'bills restaurant', 'cote brasserie', 'all bar one', 'slug and lettuce', 'greene king', 'stonegate pub',
    'mitchells butlers', 'young s pubs', 'brewdog', 'hungry horse', 'sizzling pubs', 'vintage inns',
    'chef brewer', 'frankie and benny s', 'leon restaurants', 'itsu ltd' ] },
  { category: 'restaurants', region: 'FR BE CH', keywords: [
    'cojean', 'exki', 'pomme de pain', 'class croute', 'bagelstein', 'poivre rouge', 'memphis coffee',
    'la pataterie', 'tablapizza', 'au bureau pub', 'la criee', 'flam s', 'pizza del arte', 'les 3 brasseurs',
    'bistro regent', 'burger king france', 'sushi shop', 'planet sushi', 'pitaya thai', 'big mamma', 'tibits',
    'hiltl', 'manora', 'smood', 'ufood', 'pokawa', 'king marcel' ] },
  { category: 'restaurants', region: 'DE AT NL', keywords: [
    'maredo', 'jim block', 'peter pane', 'l osteria', 'losteria', 'sausalitos', 'alex gastro',
    'wienerwald restaurant', 'schnitzelhaus', 'burgerme', 'call a pizza', 'joeys pizza', 'pizza max',
    'kwalitaria', 'loetje', 'happy italy', 'vapiano se', 'wagamama nl', 'dominos pizza', 'doner company',
    'ditsch pizza', 'backyard burger', 'burgerheart', 'five guys germany', 'mjam at', 'thuisbezorgd nl' ] },
  { category: 'restaurants', region: 'ES IT PT', keywords: [
    'pans company', 'pans co', 'cervecerias la surena', 'la surena', 'the good burger', 'udon asian',
    'museo del jamon', 'muerde la pasta', 'viena capellanes', 'lateral restaurante', 'pizza movil',
    'la mafia se sienta', 'rossopomodoro', 'america graffiti', 'alice pizza', 'fratelli la bufala',
    'panino giusto', 'chef express', 'la piadineria', 'temakinho', 'poke house', 'cioccolatitaliani',
    'grom gelato', 'venchi', 'amorino', 'roadhouse restaurant', 'h3 hamburgueria', 'companhia das sandes' ] },
  { category: 'restaurants', region: 'BR MX CL AR', keywords: [
    'fogo de chao', 'aiqfome', 'jeronimo burger', 'didi food', 'pedidosya', 'pedidos ya', 'toks',
    'italiannis', 'italianni s', 'sanborns cafe', 'vips mexico', 'doggis', 'juan maestro' ] },
  // Fuel brands and the petrol stations of supermarkets and warehouse clubs
  { category: 'transport', region: 'any', keywords: [
    'marathon petro', 'marathon petroleum', 'kwik trip', 'murphy usa', 'holiday stationstore*',
    'love s travel', 'loves travel', 'pilot flying j', 'flying j', 'pilot travel', 'costco gas',
    'costco fuel', 'sams club fuel', 'kroger fuel', 'safeway fuel', 'tesco pfs', 'tesco petrol',
    'asda petrol', 'asda pfs', 'sainsburys petrol', 'morrisons petrol', 'morrisons fuel', 'euro garages',
    'rontec', 'murco', 'top oil', 'petro canada', 'petrocan', 'irving oil', 'fas gas', 'canadian tire gas',
    'united petroleum', 'puma energy', 'metro petroleum', 'coles express', 'woolworths petrol', 'eg ampol',
    'hoyer tank*', 'bft tank*', 'sprint tank*', 'q1 tank*', 'classic tank*', 'raiffeisen tank*', 'iq tank*',
    'turmol', 'ruedi russel', 'dats 24', 'dats24', 'lukoil', 'firezone', 'disa', 'meroil', 'esclatoil',
    'petrocat', 'campsa', 'alves bandeira', 'oz energia', 'enilive', 'kuwait petroleum', 'ale combustiveis',
    'shell box', 'pemex', 'oxxo gas', 'g500', 'hidrosina', 'copec', 'ypf', 'axion energy',
    'intermarche carburant', 'leclerc carburant', 'carrefour station', 'auchan carburant', 'allego charging' ] },
  // Rail, transit, parking, tolls, ride-hailing, car sharing, charging and car services
  { category: 'transport', region: 'GB IE', keywords: [
    'c2c', 'chiltern railways', 'london northwestern', 'west midlands trains', 'west midlands railway',
    'east midlands railway', 'transpennine express', 'tpexpress', 'merseyrail', 'transport for wales',
    'tfw rail', 'lumo', 'grand central rail', 'hull trains', 'heathrow express', 'gatwick express',
    'stansted express', 'south western railway', 'lothian buses', 'tfgm', 'bee network',
    'west midlands metro', 'citylink', 'veezu', 'ola cabs', 'euro car parks', 'smart parking', 'parkingeye',
    'saba parking', 'apcoa parking', 'mersey gateway', 'merseyflow', 'm6toll', 'm6 toll', 'congestion charge',
    'ulez', 'dublin bikes', 'aircoach', 'go ahead ireland', 'ats euromaster', 'national tyres',
    'formula one autocentres', 'mr clutch', 'autoglass', 'rac motoring', 'aa breakdown', 'green flag',
    'mot centre', 'evans halshaw', 'pod point', 'bp pulse', 'instavolt', 'gridserve', 'osprey charging',
    'zapmap', 'tesla supercharg*' ] },
  { category: 'transport', region: 'US CA AU', keywords: [
    'trimet', 'sound transit', 'orca card', 'king county metro', 'panynj', 'path train', 'nyc taxi',
    'curb mobility', 'parkwhiz', 'spothero', 'laz parking', 'sp plus', 'impark', 'honk mobile', 'txtag',
    'peach pass', 'ntta', 'hctra', 'e 470', 'pa turnpike', 'turnpike', 'jiffy lube', 'valvoline', 'pep boys',
    'autozone', 'o reilly auto', 'oreilly auto', 'advance auto parts', 'napa auto', 'firestone',
    'goodyear auto', 'discount tire', 'meineke', 'safelite', 'aaa membership', 'presto card', 'presto fare',
    'go transit', 'via rail', 'oc transpo', 'octranspo', 'calgary transit', 'compass card', 'bixi', '407 etr',
    'etoll', 'e toll', 'transurban', 'secure parking', 'care park', '13cabs', 'didi rides', 'didi mobility',
    'ultra tune', 'repco', 'supercheap auto', 'electrify america', 'chargepoint', 'evgo', 'gocard',
    'metro transit', 'nj turnpike', 'port authority' ] },
  { category: 'transport', region: 'FR BE CH', keywords: [
    'intercites', 'ilevia', 'tcl sytral', 'rtm marseille', 'star rennes', 'tbm bordeaux', 'getaround',
    'free2move', 'communauto', 'ridedott', 'atmb', 'sapn', 'area autoroutes', 'atlandes', 'liber t', 'roady',
    'autosur', 'securitest', 'dekra automobile', 'elephant bleu', 'speedy france', 'total wash', 'marcel cab',
    'letec', 'be parking', 'viapass', 'autosecurite', 'autoveiligheid', 'bernmobil', 'vbz', 'bvb basel',
    'rhatische bahn', 'matterhorn gotthard', 'zentralbahn', 'parkingpay', 'swisspass', 'swiss pass',
    'halbtax', 'ga travelcard', 'tcs touring', 'electra charging', 'ionity', 'fastned', 'plugsurfing',
    'shell recharge', 'izivia', 'freshmile' ] },
  { category: 'transport', region: 'DE AT', keywords: [
    'vgf', 'kvv', 'vrn', 'vbn', 'bsag', 'evag', 'dsw21', 'hochbahn', 'havag', 'mdv', 'gvh', 'nvv', 'vvo',
    'swb bus', 'ssb ag', 'vag nurnberg', 'db fahrkarte', 'db reise', 'bahn de', 'weshare',
    'cambio carsharing', 'stadtmobil', 'flinkster', 'auto teile unger', 'vergolst', 'pneuhage', 'mr wash',
    'h2 mobility', 'enbw mobility', 'ladenetz', 'maingau autostrom', 'elli charging', 'oebb', 'graz linien',
    'linz ag linien', 'wipark', 'best in parking', 'handyparken', 'parkster', 'evopark', 'atu auto' ] },
  { category: 'transport', region: 'NL ES PT IT', keywords: [
    'ret rotterdam', 'keolis nederland', 'ebs ov', 'syntus', 'park bee', 'parkbee', 'profile tyrecenter',
    'metro bilbao', 'bizkaibus', 'tussam', 'emt valencia', 'metrovalencia', 'metro de sevilla', 'bicing',
    'bicimad', 'monbus', 'avanza bus', 'abertis', 'audasa', 'elparking', 'parclick', 'confortauto', 'stcp',
    'transtejo', 'soflusa', 'gira bicicletas', 'anm napoli', 'amt genova', 'tper', 'ataf', 'busitalia',
    'actv', 'unipolmove', 'free to x' ] },
  { category: 'transport', region: 'BR MX CL AR', keywords: [
    'autopass', 'top bilhete', 'metro bh', 'move metropolitano', 'zul digital', 'iave', 'televia',
    'pase urbano', 'capufe', 'ecobici', 'metro de santiago', 'red movilidad', 'autopista central',
    'costanera norte', 'autopistas del sol', 'telepeaje', 'aubasa', 'didi chuxing', 'indriver', 'in driver',
    'beat rides', 'dpaschoal', 'pneustore' ] },
  // Airlines, hotels, holiday rentals, tour operators, ferries, cruises and car hire
  { category: 'travel', region: 'any', keywords: [
    'american airlines', 'air transat', 'westjet', 'porter airlines', 'flair airlines', 'qantas',
    'virgin australia', 'jetstar', 'rex airlines', 'air new zealand', 'luxair', 'lot polish', 'loganair',
    'corsair international', 'air caraibes', 'french bee', 'frenchbee', 'air corsica', 'air austral',
    'tuifly', 'discover airlines', 'sundair', 'iberia express', 'air nostrum', 'azores airlines', 'neos air',
    'aeroitalia', 'avianca', 'aeromexico', 'volaris', 'viva aerobus', 'vivaaerobus', 'sky airline',
    'jetsmart', 'flybondi', 'copa airlines', 'etihad', 'singapore airlines', 'cathay pacific',
    'japan airlines', 'icelandair', 'pegasus airlines', 'royal air maroc', 'air india', 'sheraton', 'westin',
    'le meridien', 'ritz carlton', 'fairfield inn', 'hampton inn', 'doubletree', 'embassy suites',
    'crowne plaza', 'kimpton', 'fairmont', 'sofitel', 'pullman hotel*', 'adagio aparthotel', 'nh hotel*',
    'nh hoteles', 'riu hotels', 'iberostar', 'barcelo hotel*', 'h10 hotels', 'eurostars', 'paradores',
    'leonardo hotel*', 'steigenberger', 'maritim hotel*', 'dorint', 'a o hostel*', 'generator hostel*',
    'days inn', 'motel 6', 'comfort inn', 'quality inn', 'choice hotels', 'extended stay america', 'scandic',
    'citizenm', 'jurys inn', 'maldron', 'vila gale', 'tivoli hotel*', 'homeaway', 'abritel',
    'gites de france', 'interhome', 'novasol', 'belvilla', 'landal', 'roompot', 'pierre vacances', 'club med',
    'clubmed', 'thomas cook', 'loveholidays', 'sunweb', 'corendon', 'dertour', 'fti touristik', 'alltours',
    'voyage prive', 'promovacances', 'leclerc voyages', 'carrefour voyages', 'logitravel', 'destinia',
    'atrapalo', 'viajes el corte ingles', 'halcon viajes', 'viajes eroski', 'barcelo viajes', 'nautalia',
    'momondo', 'kiwi com', 'trip com', 'ctrip', 'tripadvisor', 'klook', 'national car rental',
    'thrifty car rental', 'dollar rent a car', 'budget rent a car', 'enterprise rent a car',
    'firefly car rental', 'cicar', 'drivalia', 'maggiore rent', 'locauto', 'discover cars', 'auto europe',
    'holiday autos', 'wightlink', 'red funnel', 'caledonian macbrayne', 'calmac', 'condor ferries',
    'corsica ferries', 'corsica linea', 'la meridionale', 'naviera armas', 'fred olsen', 'snav', 'caremar',
    'liberty lines', 'minoan lines', 'anek lines', 'tt line', 'scandlines', 'color line', 'viking line',
    'tallink', 'finnlines', 'nightjet', 'european sleeper', 'msc cruises', 'msc crociere', 'costa crociere',
    'costa cruceros', 'aida cruises', 'aida kreuzfahrten', 'royal caribbean', 'carnival cruise',
    'norwegian cruise', 'p o cruises', 'tui cruises', 'hurtigruten', 'celebrity cruises', 'princess cruises',
    'priority pass', 'accorhotels', 'all accor', 'hotelscombined', 'ebookers', 'travelocity', 'priceline',
    'orbitz', 'plum guide', 'sykes cottages', 'hoseasons', 'parkdean resorts', 'haven holidays', 'butlins',
    'pontins', 'great wolf lodge', 'kampgrounds of america', 'huttopia', 'campingplatz', 'campings',
    'campingvakantie', 'glamping', 'la quinta inn', 'red roof inn', 'super 8 motel', 'four seasons hotel*',
    'intercontinental hotel*', 'wyndham hotel*', 'pestana hotel*', 'meininger hotel*', 'kayak com' ] },
  // Mobile operators (a broadband word on the line makes a telecom `internet`)
  { category: 'phone', region: 'any', keywords: [
    'bt mobile', 'virgin mobile', 'asda mobile', 'talkmobile', 'ecotalk', 'honest mobile', 'clear mobile',
    'verizon wireless', 'sprint wireless', 'sprint pcs', 'boost mobile', 'visible wireless', 'us cellular',
    'uscellular', 'straight talk', 'tracfone', 'google fi', 'consumer cellular', 'metropcs', 'metro pcs',
    'ting mobile', 'total wireless', 'xfinity mobile', 'spectrum mobile', 'rogers wireless',
    'rogers communications', 'bell mobility', 'telus', 'telus mobility', 'fido mobile', 'fido solutions',
    'koodo', 'freedom mobile', 'virgin plus', 'chatr', 'public mobile', 'lucky mobile', 'amaysim',
    'felix mobile', 'kogan mobile', 'aldi mobile', 'vodafone au', 'prixtel', 'nrj mobile', 'la poste mobile',
    'coriolis telecom', 'auchan telecom', 'syma mobile', 'cdiscount mobile', 'youprice', 'mobile vikings',
    'hey telecom', 'm budget mobile', 'coop mobile', 'ay yildiz', 'ortel mobile', 'penny mobil',
    'kaufland mobil', 'rossmann mobil', 'norma connect', 'mobilcom debitel', 'hofer telekom', 'budget mobiel',
    'finetwork', 'virgin telco', 'llamaya', 'digi spain', 'yorn', 'very mobile', 'coopvoce', 'nextel',
    'algar telecom', 'telcel', 'unefon', 'entel', 'wom chile' ] },
  // Broadband, cable, satellite and pay TV
  { category: 'internet', region: 'any', keywords: [
    'now broadband', 'shell energy broadband', 'zen internet', 'pure telecom', 'charter spectrum',
    'optimum online', 'altice usa', 'verizon fios', 'centurylink', 'mediacom', 'windstream', 'google fiber',
    'at t internet', 'att internet', 'at t uverse', 'dish network', 'directv', 'direct tv', 'hughesnet',
    'videotron', 'cogeco', 'shaw communications', 'eastlink', 'teksavvy', 'bell fibe', 'tpg internet',
    'iinet', 'aussie broadband', 'superloop', 'foxtel', 'internode', 'ewe tel', 'ewetel', 'wilhelm tel',
    'tele columbus', 'telecolumbus', 'liwest', 'kabelplus', 'quickline', 'init7', 'kpn internet', 'kpn thuis',
    'freedom internet', 'canal digitaal', 'avatel', 'euskaltel', 'r cable', 'telecable', 'tiscali',
    'sky wifi', 'brisanet', 'izzi', 'totalplay', 'megacable', 'infinitum', 'vtr', 'telecentro', 'fibertel',
    'cablevision', 'sky glass', 'virgin broadband', 'movistar fusion', 'claro hogar' ] },
  // Energy, water, waste and district heating
  { category: 'utilities', region: 'GB IE US CA AU', keywords: [
    'edf energy', 'shell energy', 'so energy', 'outfox the market', 'good energy', 'ecotricity',
    'southern electric', 'scottish water', 'northumbrian water', 'south west water', 'wessex water',
    'dwr cymru', 'bristol water', 'portsmouth water', 'south east water', 'ses water', 'south staffs water',
    'cambridge water', 'essex suffolk water', 'hafren dyfrdwy', 'calor gas', 'pinergy', 'panda power',
    'yuno energy', 'pacific gas', 'socalgas', 'southern california gas', 'sdg e', 'sdge', 'pseg', 'pse g',
    'puget sound energy', 'peco energy', 'bge', 'ameren', 'entergy', 'firstenergy', 'ppl electric',
    'duquesne light', 'eversource', 'centerpoint', 'atmos energy', 'spire energy', 'nicor gas', 'peoples gas',
    'piedmont natural gas', 'washington gas', 'we energies', 'oncor', 'reliant energy', 'txu energy',
    'green mountain energy', 'direct energy', 'austin energy', 'cps energy', 'ladwp', 'smud',
    'salt river project', 'tucson electric', 'nv energy', 'rocky mountain power', 'pacificorp',
    'portland general', 'idaho power', 'seattle city light', 'american water', 'waste management',
    'republic services', 'waste connections', 'rumpke', 'hydro one', 'toronto hydro', 'hydro quebec',
    'bc hydro', 'fortisbc', 'enbridge gas', 'enbridge', 'epcor', 'enmax', 'saskpower', 'manitoba hydro',
    'nova scotia power', 'nb power', 'alectra', 'hydro ottawa', 'agl energy', 'origin energy',
    'energyaustralia', 'energy australia', 'red energy', 'alinta energy', 'simply energy', 'momentum energy',
    'powershop', 'sydney water', 'yarra valley water', 'sa water', 'unitywater', 'urban utilities',
    'ergon energy', 'aurora energy', 'actewagl', 'jemena', 'sse', 'sse southern', 'camuzzi gas' ] },
  { category: 'utilities', region: 'FR BE CH DE AT', keywords: [
    'ilek', 'plum energie', 'alpiq', 'saur', 'eau du grand lyon', 'sedif', 'lyonnaise des eaux',
    'gaz de bordeaux', 'eaux de marseille', 'swde', 'inbw', 'aquafin', 'farys', 'sibelga', 'bolt energie',
    'elindus', 'ckw', 'ekz', 'axpo', 'ebl', 'aew energie', 'energie wasser bern', 'sgsw',
    'services industriels', 'eprimo', 'stromio', 'naturstrom', 'extraenergie', 'enercity', 'drewag',
    'sachsenenergie', 'rheinenergie', 'badenova', 'entega', 'ewe ag', 'ewe vertrieb', 'gasag', 'mvv energie',
    'hamburg energie', 'berliner wasserbetriebe', 'hamburg wasser', 'bsr', 'berliner stadtreinigung',
    'stadtreinigung', 'abfallwirtschaft*', 'avacon', 'bayernwerk', 'energieversorgung', 'linz ag', 'vkw',
    'illwerke vkw', 'energie graz', 'wiener netze', 'wiener wasser', 'go green energy', 'montana energie',
    'e wie einfach', 'eins energie', 'thuga', 'gruenstromwerk' ] },
  { category: 'utilities', region: 'NL ES PT IT', keywords: [
    'energiedirect', 'energie direct', 'vandebron', 'oxxio', 'pure energie', 'frank energie', 'delta energie',
    'wml', 'wmd drinkwater', 'waterbedrijf groningen', 'liander', 'stedin', 'enexis', 'ennatuurlijk',
    'repsol luz', 'repsol luz y gas', 'factor energia', 'som energia', 'audax renovables', 'curenergia',
    'energia xxi', 'aqualia', 'emasesa', 'emaya', 'aguas de valencia', 'global omnium', 'aguas de alicante',
    'nedgia', 'gas natural fenosa', 'luzboa', 'coopernico', 'smas', 'indaqua', 'aguas do porto',
    'aguas de gaia', 'e redes', 'lisboagas', 'portgas', 'floene', 'servizio elettrico nazionale', 'illumia',
    'estra energie', 'dolomiti energia', 'alperia', 'agsm aim', 'acquedotto pugliese', 'abbanoa',
    'publiacqua', 'smat', 'wekiwi', 'amsa', 'ama roma', 'hera comm', 'iren mercato', 'acea energia',
    'a2a energia', 'enel servizio', 'servizio idrico', 'gori spa', 'veritas spa' ] },
  { category: 'utilities', region: 'BR MX CL AR', keywords: [
    'enel distribuicao', 'eletropaulo', 'energisa', 'cosern', 'celpe', 'coelce', 'edp bandeirante',
    'ultragaz', 'liquigas', 'supergasbras', 'copagaz', 'comision federal de electricidad',
    'cfe suministrador', 'aguas andinas', 'essbio', 'esval', 'metrogas', 'chilquinta', 'lipigas', 'abastible',
    'gasco', 'edenor', 'edesur', 'aysa', 'naturgy ban', 'epec', 'edelap', 'cge distribucion', 'enel chile' ] },
  // Insurers (statutory health funds that also reimburse are under health)
  { category: 'insurance', region: 'GB IE US CA AU', keywords: [
    'hiscox', 'saga insurance', 'rac insurance', 'nfu mutual', 'co op insurance', 'petplan', 'animal friends',
    'manypets', 'bought by many', 'swinton insurance', 'endsleigh', 'axa ppp', 'wpa health', 'aig',
    'domestic general', 'travelers insurance', 'the hartford', 'erie insurance', 'american family insurance',
    'amfam', 'root insurance', 'esurance', 'mercury insurance', 'safeco', 'bcbs', 'blue shield',
    'oscar health', 'molina healthcare', 'guardian life', 'primerica', 'globe life', 'mutual of omaha',
    'pacific life', 'haven life', 'ladder life', 'policygenius', 'intact insurance', 'desjardins insurance',
    'sun life', 'manulife', 'canada life', 'great west life', 'belairdirect', 'td insurance', 'wawanesa',
    'co operators', 'nrma insurance', 'aami', 'gio insurance', 'budget direct', 'youi', 'racv insurance',
    'suncorp', 'medibank', 'hcf', 'nib health', 'ahm health', 'qbe', 'zurich life', 'new ireland assurance',
    'legal and general', 'chubb insurance', 'anthem blue cross' ] },
  { category: 'insurance', region: 'FR BE CH DE AT', keywords: [
    'swisslife', 'cardif', 'suravenir', 'apicil', 'klesia', 'humanis', 'lmde', 'heyme', 'amaguiz', 'leocare',
    'luko', 'lovys', 'macsf', 'thelem', 'dvv', 'vivium', 'smile direct', 'atupri', 'egk', 'suva',
    'adam riese', 'getsafe', 'wefox', 'volkswohl bund', 'stuttgarter lebens*', 'grawe', 'neodigital',
    'la baloise' ] },
  { category: 'insurance', region: 'NL ES IT PT', keywords: [
    'anderzorg', 'inshared', 'allsecur', 'delta lloyd', 'onvz', 'fenix directo', 'agrupacio', 'fiatc',
    'vidacaixa', 'segurcaixa', 'poste vita', 'intesa sanpaolo assicura', 'conte it', 'quixa', 'genialloyd',
    'unisalute', 'rbm salute', 'ok teleseguros', 'advancecare', 'via directa' ] },
  { category: 'insurance', region: 'BR MX CL AR', keywords: [
    'tokio marine', 'youse', 'caixa seguradora', 'brasilseg', 'icatu', 'golden cross', 'care plus', 'omint',
    'isapre', 'colmena salud', 'banmedica', 'cruz blanca', 'consalud', 'vida tres', 'osde', 'swiss medical',
    'medife', 'federacion patronal' ] },
  // Streaming, software, cloud, apps, news and games subscriptions
  { category: 'subscriptions', region: 'any', keywords: [
    'storytel', 'bookbeat', 'nextory', 'scribd', 'everand', 'blinkist', 'kobo plus', 'soundcloud',
    'amazon music', 'qobuz', 'napster', 'youtube tv', 'sling tv', 'fubo', 'fubotv', 'philo tv',
    'discovery plus', 'discoveryplus', 'espn plus', 'espnplus', 'britbox', 'acorn tv', 'mubi',
    'curiositystream', 'starz', 'amc plus', 'skyshowtime', 'sky ticket', 'rtl plus', 'tvnow', 'waipu',
    'waipu tv', 'zattoo', 'mycanal', 'atresplayer', 'mitele plus', 'rakuten tv', 'flixole', 'lionsgate plus',
    'mediaset infinity', 'infinity plus', 'streamz', 'pathe thuis', 'viaplay', 'eleven sports',
    'nba league pass', 'f1 tv', 'claro video', 'star plus', 'vix plus', 'kayo sports', 'foxtel now',
    'crave tv', 'youtube music', 'apple one', 'apple bill', 'slack technologies', 'zoom us', 'zoom video',
    'zoom com', 'notion so', 'notion labs', 'figma', 'canva', 'box com', 'evernote', 'todoist', 'grammarly',
    'deepl', 'anthropic', 'claude ai', 'midjourney', 'jetbrains', 'autodesk', 'quickbooks', 'xero',
    'docusign', 'mailchimp', 'hubspot', 'shopify', 'wordpress', 'automattic', 'webflow', 'zapier', 'airtable',
    'monday com', 'trello', 'miro com', 'calendly', 'surveymonkey', 'typeform', 'nortonlifelock', 'mcafee',
    'kaspersky', 'bitdefender', 'eset', 'malwarebytes', 'surfshark', 'cyberghost', 'private internet access',
    'backblaze', 'pcloud', 'onedrive', 'office 365', 'gitlab', 'bitbucket', 'supabase', 'mongodb', 'twilio',
    'sendgrid', 'scaleway', 'infomaniak', 'hostinger', 'hostpoint', 'one com', 'all inkl', 'netcup',
    'contabo', 'dreamhost', 'porkbun', 'transip', 'aruba it', 'dinahosting', 'match com', 'parship',
    'elitepartner', 'lovoo', 'meetic', 'grindr', 'happn', 'okcupid', 'badoo', 'times newspapers',
    'the telegraph', 'telegraph media', 'the athletic', 'washington post', 'washpost', 'boston globe',
    'bloomberg', 'mediapart', 'les echos', 'ouest france', 'frankfurter allgemeine', 'faz net',
    'handelsblatt', 'welt plus', 'tagesspiegel', 'nzz', 'tages anzeiger', 'derstandard', 'la vanguardia',
    'el confidencial', 'eldiario es', 'nrc media', 'volkskrant', 'telegraaf', 'het parool', 'dpg media',
    'mediahuis', 'corriere della sera', 'il sole 24 ore', 'folha de s paulo', 'estadao', 'uol',
    'playstation plus', 'ps plus', 'nintendo switch online', 'ea play', 'ubisoft plus', 'discord nitro',
    'telegram premium', 'dashlane', 'bitwarden', 'tutanota', 'mailbox org', 'posteo', 'fastmail',
    'ring protect', 'nest aware', 'readly', 'pressreader', 'sky go', 'norton antivirus', 'perplexity ai',
    'asana com', 'avast software' ] },
  // Pharmacies, drugstores, opticians, hearing, labs, clinics and vets
  { category: 'health', region: 'GB IE US CA AU', keywords: [
    'lloyds pharmacy', 'well pharmacy', 'rowlands pharmacy', 'asda pharmacy', 'tesco pharmacy',
    'holland barrett', 'holland and barrett', 'allcare pharmacy', 'totalhealth pharmacy', 'optical express',
    'mydentist', 'bupa dental', 'spire healthcare', 'vets4pets', 'medivet', 'walmart pharmacy',
    'kroger pharmacy', 'costco pharmacy', 'publix pharmacy', 'express scripts', 'optum rx', 'optumrx',
    'goodrx', 'amazon pharmacy', 'quest diagnostics', 'labcorp', 'minuteclinic', 'one medical', 'teladoc',
    'zocdoc', 'lenscrafters', 'warby parker', 'pearle vision', 'visionworks', '1 800 contacts',
    'aspen dental', 'vca animal', 'shoppers drug mart', 'pharmaprix', 'jean coutu', 'rexall', 'london drugs',
    'uniprix', 'familiprix', 'chemist warehouse', 'priceline pharmacy', 'terrywhite chemmart', 'amcal',
    'blooms the chemist', 'national pharmacies', 'joaquim chaves saude', 'geers horakustik' ] },
  { category: 'health', region: 'FR BE CH DE AT NL', keywords: [
    'optical center', 'atol opticiens', 'alain afflelou', 'generale d optique', 'audika', 'amplifon',
    'cerballiance', 'biogroup', 'synlab', 'eurofins', 'qare', 'multipharma', 'medi market', 'newpharma',
    'solidaris', 'partenamut', 'helan', 'christelijke mutualiteit', 'mutualite chretienne',
    'socialistische mutualiteit', 'liberale mutualiteit', 'ziekenfonds', 'mutualite*', 'coop vitality',
    'benu', 'toppharm', 'visilab', 'mcoptik', 'budnikowsky', 'budni', 'muller drogerie', 'mueller drogerie',
    'apotal', 'sanicare', 'aponeo', 'mycare', 'eurapon', 'medikamente per klick', 'kind horgerate', 'barmer',
    'dak gesundheit', 'techniker krankenkasse', 'ikk classic', 'hkk', 'kkh', 'bkk', 'knappschaft',
    'hartlauer', 'neuroth', 'oegk', 'da drogist', 'eye wish', 'pharma gdd' ] },
  { category: 'health', region: 'ES IT PT BR MX CL AR', keywords: [
    'opticalia', 'federopticos', 'visionlab', 'gaes', 'vitaldent', 'dentix', 'quironsalud', 'hm hospitales',
    'vithas', 'gruppo san donato', 'lloyds farmacia', 'acqua sapone', 'acqua e sapone', 'tigota',
    'instituto optico', 'luz saude', 'hospital da luz', 'trofa saude', 'unilabs', 'pague menos', 'extrafarma',
    'ultrafarma', 'drogal', 'farmacia popular', 'rede d or', 'oticas carol', 'cruz verde', 'salcobrand',
    'farmacity', 'fonasa', 'dr simi' ] },
  // Perfume and cosmetics chains, hairdressers and salons
  { category: 'beauty', region: 'any', keywords: [
    'ulta beauty', 'bath body works', 'bath and body works', 'l occitane', 'loccitane', 'kiehl s', 'kiehls',
    'estee lauder', 'charlotte tilbury', 'space nk', 'the perfume shop', 'fragrance direct', 'feelunique',
    'glossybox', 'birchbox', 'wycon', 'saint algue', 'camille albane', 'tchip', 'supercuts', 'great clips',
    'sport clips', 'fantastic sams', 'european wax center', 'benefit brow bar', 'drybar', 'parfumdreams',
    'gidor', 'arenal perfumerias', 'perfumerias if', 'julia perfumerias', 'marco aldany', 'llongueras',
    'pinalli', 'collistar', 'perfumes companhia', 'quem disse berenice', 'beleza na web', 'avon cosmeticos',
    'avon cosmetics', 'jequiti', 'jacques janine', 'preunic', 'maicao', 'juleriaque', 'clarins', 'guerlain',
    'lancome' ] },
  // Gyms, studios, sports shops and ski passes
  { category: 'sports', region: 'any', keywords: [
    'bannatyne', 'everlast gyms', 'jd gyms', 'barrys bootcamp', 'barry s bootcamp', 'ymca', 'soulcycle',
    'classpass', 'mindbody', 'dicks sporting', 'dick s sporting', 'sporting goods', 'rei co op', 'rei com',
    'bass pro', 'cabelas', 'cabela s', 'big 5 sporting', 'scheels', 'lululemon', 'nike store', 'nike com',
    'adidas', 'under armour', 'the north face', 'columbia sportswear', 'asics', 'reebok', 'club med gym',
    'snowleader', 'au vieux campeur', 'ekosport', 'alltricks', 'probikeshop', 'kieser training', 'eversports',
    'egym', 'gympass', 'wellhub', 'hervis', 'gigasport', 'fitinn', 'fit inn', 'aktiesport', 'altafit',
    'synergym', 'vivagym', 'go fit', 'deporvillage', 'barrabes', 'solinca', 'totalpass', 'innovasport',
    'deportes marti', 'megatlon', 'gymshark', 'chain reaction cycles', 'bike24', 'bike discount',
    'mammut store', 'jack wolfskin', 'salomon store', 'ski amade', 'dolomiti superski', 'vail resorts',
    'epic pass', 'ikon pass', 'compagnie des alpes', 'skiset', 'playtomic' ] },
  // Cinemas, tickets, parks, attractions, games, lotteries and betting
  { category: 'leisure', region: 'any', keywords: [
    'omniplex', 'cinemark', 'cineplex', 'alamo drafthouse', 'atom tickets', 'hoyts', 'mk2', 'cineville',
    'cinestar', 'cinemex', 'cinepolis', 'kinoplex', 'ocine', 'axs', 'skiddle', 'ticketone', 'fnac spectacles',
    'ticketcorner', 'starticket', 'oeticket', 'vivaticket', 'ingresso rapido', 'ticketek', 'resident advisor',
    'weezevent', 'billetreduc', 'digitick', 'tiqets', 'headout', 'feverup', 'six flags', 'cedar fair',
    'universal studios', 'walt disney world', 'disney world', 'seaworld', 'busch gardens', 'alton towers',
    'thorpe park', 'blackpool pleasure beach', 'futuroscope', 'puy du fou', 'walibi', 'plopsaland',
    'bobbejaanland', 'heide park', 'movie park', 'hansa park', 'rulantica', 'tropical islands',
    'parque warner', 'isla magica', 'terra mitica', 'mirabilandia', 'zoomarine', 'beto carrero', 'hopi hari',
    'xcaret', 'sea life', 'english heritage', 'historic royal palaces', 'gog com', 'humble bundle', 'itch io',
    'ubisoft', 'electronic arts', 'activision', 'roblox', 'supercell', 'battle net', 'battlenet',
    'rockstar games', 'instant gaming', 'eneba', 'kinguin', 'gamestop', 'micromania', 'games workshop',
    'warhammer', 'camelot uk', 'euromillions', 'euro millions', 'powerball', 'mega millions', 'lotterie',
    'westlotto', 'lotto24', 'tipp24', 'superenalotto', 'gratta e vinci', 'jogos santa casa', 'euromilhoes',
    'loterias caixa', 'betway', 'unibet', 'sky vegas', 'betvictor', 'boylesports', 'draftkings', 'fanduel',
    'betmgm', 'caesars sportsbook', 'pokerstars', 'winamax', 'betclic', 'parions sport', 'zeturf',
    'interwetten', 'codere', 'sportium', 'luckia', 'kirolbet', 'betano', 'eurobet', 'goldbet',
    'holland casino', 'leovegas', 'casumo', 'jackpotjoy', 'bandcamp', 'beatport', 'hmv', 'fnac billetterie',
    'loto fdj', 'francaise des jeux', 'loterie nationale', 'fandango com', 'chessington world' ] },
  // Shops: clothes, shoes, electronics, department stores, marketplaces, toys, pets, post
  { category: 'shopping', region: 'GB IE', keywords: [
    'next retail', 'next directory', 'b m bargains', 'b m retail', 'b m stores', 'ao com', 'boohoo',
    'prettylittlething', 'jd williams', 'littlewoods', 'fat face', 'superdry', 'selfridges', 'harrods',
    'harvey nichols', 'house of fraser', 'clarks shoes', 'office shoes', 'dune london', 'h samuel',
    'beaverbrooks', 'claires accessories', 'claire s accessories', 'paperchase', 'smiggle', 'hamleys',
    'pets at home', 'not on the high street', 'notonthehighstreet', 'harvey norman', 'arnotts',
    'brown thomas', 'dealz', 'royal mail', 'post office ltd', 'an post', 'tesco direct', 'sainsburys argos',
    'depop', 'hollister co', 'abercrombie fitch', 'chewy com', 'overstock com', 'manor ag', 'fust ag',
    'cia hering', 'submarino com', 'lojas pernambucanas', 'casas pernambucanas' ] },
  { category: 'shopping', region: 'US CA AU', keywords: [
    'jcpenney', 'jc penney', 'dillards', 'dillard s', 'saks fifth', 'saks com', 'neiman marcus',
    'bloomingdale s', 'bloomingdales', 'burlington stores', 'burlington coat', 'big lots', 'five below',
    'michaels stores', 'joann fabrics', 'hobby lobby', 'petsmart', 'petco', 'office depot', 'officemax',
    'victoria s secret', 'victorias secret', 'american eagle', 'aeropostale', 'forever 21', 'banana republic',
    'j crew', 'urban outfitters', 'dsw shoes', 'famous footwear', 'zappos', 'newegg', 'b h photo',
    'bhphotovideo', 'micro center', 'qvc', 'wish com', 'alibaba', 'poshmark', 'mercari', 'offerup', 'thredup',
    'stockx', 'canadian tire', 'hudson s bay', 'hudsons bay', 'indigo books', 'chapters indigo', 'dollarama',
    'giant tiger', 'kmart', 'big w', 'jb hi fi', 'jb hifi', 'officeworks', 'cotton on', 'usps', 'canada post',
    'australia post', 'skechers', 'gap outlet', 'ross dress for less' ] },
  { category: 'shopping', region: 'FR BE CH', keywords: [
    'promod', 'etam', 'jennyfer', 'pimkie', 'sergent major', 'okaidi', 'du pareil au meme', 'jacadi',
    'tape a l oeil', 'vertbaudet', 'sarenza', 'spartoo', 'besson chaussures', 'chausport', 'la foir fouille',
    'foirfouille', 'gifi', 'stokomani', 'centrakor', 'maxi bazar', 'ldlc', 'materiel net', 'grosbill',
    'veepee', 'vente privee', 'showroomprive', 'showroom prive', 'rakuten', 'priceminister', 'backmarket',
    'back market', 'bazarchic', 'le bon marche', 'nature et decouvertes', 'joueclub', 'oxybul', 'la poste',
    'laposte', 'bpost', 'zeb', 'jbc', 'vanden borre', 'vandenborre', 'krefel', 'torfs', 'brantano', 'jelmoli',
    'digitec', 'galaxus', 'interdiscount', 'melectronics', 'brack ch', 'microspot', 'ochsner shoes',
    'vogele shoes', 'dosenbach', 'pkz', 'tally weijl', 'ricardo ch', 'tutti ch', 'coop city', 'swiss post',
    'post ch' ] },
  { category: 'shopping', region: 'DE AT NL', keywords: [
    'takko', 'ernstings family', 'ernsting s family', 'bonprix', 's oliver', 'tom tailor', 'gerry weber',
    'vero moda', 'hunkemoller', 'adler modemarkte', 'mayersche', 'mytoys', 'idee creativmarkt', 'nanu nana',
    'mindfactory', 'reichelt elektronik', 'voelkner', 'momox', 'medimops', 'mac geiz', 'pfennigpfeiffer',
    'deutsche post', 'dhl paket', 'hermes versand', 'morawa', 'universal versand', 'humanic', 'kastner ohler',
    'kastner oehler', 'big bazar', 'we fashion', 'vanharen', 'scapino', 'shoeby', 'top1toys', 'dille kamille',
    'peek und cloppenburg', 'osterreichische post' ] },
  { category: 'shopping', region: 'ES IT PT', keywords: [
    'women secret', 'womens secret', 'tezenis', 'calzedonia', 'intimissimi', 'tiendanimal', 'miniso',
    'ale hop', 'alehop', 'milanuncios', 'correos', 'upim', 'benetton', 'united colors of benetton', 'yamamay',
    'pittarello', 'scarpe scarpe', 'giunti al punto', 'ibs it', 'libraccio', 'arcaplanet', 'eprice', 'yoox',
    'lanidor', 'salsa jeans', 'sacoor', 'tiffosi', 'wook', 'olx', 'custojusto', 'ctt correios', 'ctt',
    'pull and bear' ] },
  { category: 'shopping', region: 'BR MX CL AR', keywords: [
    'lojas cem', 'shoptime', 'dafiti', 'polishop', 'chilli beans', 'vivara', 'lojas torra', 'torra torra',
    'correios', 'el palacio de hierro', 'palacio de hierro', 'coppel', 'famsa', 'falabella', 'tiendas ripley',
    'hites', 'abcdin', 'linio', 'fravega', 'musimundo', 'mercadolibre' ] },
  // DIY, furniture, garden, home decor and home services
  { category: 'home', region: 'any', keywords: [
    'robert dyas', 'furniture village', 'dfs furniture', 'sofology', 'oak furnitureland', 'made com',
    'the white company', 'bensons for beds', 'dreams beds', 'wren kitchens', 'magnet kitchens', 'howdens',
    'travis perkins', 'jewson', 'selco builders', 'topps tiles', 'tile giant', 'carpetright', 'homeserve',
    'checkatrade', 'rated people', 'mybuilder', 'taskrabbit', 'helpling', 'dyno rod', 'pimlico plumbers',
    'notcutts', 'dobbies', 'homestore and more', 'ez living', 'harbor freight', 'northern tool',
    'tractor supply', 'floor decor', 'lumber liquidators', 'll flooring', 'ashley furniture',
    'ashley homestore', 'rooms to go', 'pottery barn', 'williams sonoma', 'crate barrel', 'crate and barrel',
    'west elm', 'restoration hardware', 'havertys', 'la z boy', 'mattress firm', 'sleep number',
    'casper sleep', 'container store', 'homegoods', 'pier 1', 'angies list', 'terminix', 'orkin',
    'roto rooter', 'merry maids', 'molly maid', 'trugreen', 'servpro', 'home hardware', 'leon s furniture',
    'structube', 'sleep country', 'kent building', 'bunnings', 'mitre 10', 'freedom furniture',
    'fantastic furniture', 'amart furniture', 'adairs', 'bed bath n table', 'beacon lighting', 'airtasker',
    'hipages', 'gedimat', 'zodio', 'cuisinella', 'cuisines schmidt', 'mobalpa', 'monsieur meuble',
    'gamm vert', 'manomano', 'o2 care services', 'do it garden', 'coop bau hobby', 'micasa', 'interio',
    'bauking', 'poco einrichtung*', 'pflanzen kolle', 'home24', 'wmf', 'vorwerk', 'myhammer', 'book a tiger',
    'bellaflora', 'formido', 'beter bed', 'swiss sense', 'auping', 'goossens wonen', 'ranzijn', 'werkspot',
    'merkamueble', 'verdecora', 'maxmat', 'moviflor', 'tecnomat', 'chateau d ax', 'poltronesofa', 'coincasa',
    'viridea', 'mercatone uno', 'obramax', 'sodimac', 'casa show', 'mobly', 'etna home', 'tapis saint maclou',
    'raiffeisen lagerhaus' ] },
  // Schools, courses, tutoring, language and exam providers, childcare
  { category: 'education', region: 'any', keywords: [
    'khan academy', 'linkedin learning', 'pluralsight', 'datacamp', 'codecademy', 'brilliant org', 'edx',
    'futurelearn', 'openclassrooms', 'domestika', 'rosetta stone', 'lingoda', 'preply', 'italki', 'cambly',
    'memrise', 'berlitz', 'wall street english', 'kumon', 'sylvan learning', 'acadomia', 'studienkreis',
    'schulerhilfe', 'superprof', 'cned', 'alliance francaise', 'goethe institut', 'instituto cervantes',
    'british council', 'ef education', 'education first', 'princeton review', 'college board', 'pearson vue',
    'ets toefl', 'ielts', 'cambridge assessment', 'ucas', 'tafe', 'partou', 'kinderdam', 'babilou',
    'people and baby', 'primrose school', 'mathnasium', 'chegg', 'quizlet', 'studocu', 'course hero',
    'scribbr', 'udacity', 'brightspace', 'instructure', 'skillsoft', 'kaplan international' ] },
  // Charities
  { category: 'charity', region: 'any', keywords: [
    'salvation army', 'heilsarmee', 'armee du salut', 'ejercito de salvacion', 'leger des heils',
    'st jude children', 'stjude', 'world vision', 'doctors without borders', 'kiva', 'wikimedia', 'wikipedia',
    'mozilla foundation', 'charity water', 'givedirectly', 'against malaria', 'sos villages',
    'habitat for humanity', 'feeding america', 'st vincent de paul', 'barnardos', 'comic relief',
    'children in need', 'marie curie cancer', 'alzheimers society', 'alzheimer s society', 'age uk',
    'dogs trust', 'cats protection', 'battersea dogs', 'rnli', 'wateraid', 'water aid', 'christian aid',
    'tearfund', 'islamic relief', 'muslim aid', 'cafod', 'guide dogs', 'rnib', 'focus ireland', 'pieta house',
    'simon community', 'irish cancer society', 'irish heart foundation', 'united way', 'aclu',
    'planned parenthood', 'wounded warrior', 'aspca', 'humane society', 'nature conservancy', 'sierra club',
    'actblue', 'canadian cancer society', 'sickkids foundation', 'canadahelps', 'cancer council',
    'apprentis d auteuil', 'fondation abbe pierre', 'ligue contre le cancer', 'institut pasteur',
    'institut curie', 'handicap international', 'sidaction', 'petits freres des pauvres',
    '30 millions d amis', 'medecins du monde', 'ordre de malte', 'secours islamique', 'habitat et humanisme',
    'fondation du patrimoine', 'kom op tegen kanker', 'natuurpunt', 'gluckskette', 'chaine du bonheur',
    'pro juventute', 'pro senectute', 'pro infirmis', 'helvetas', 'swissaid', 'terre des hommes',
    'rega gonner*', 'deutsche krebshilfe', 'welthungerhilfe', 'malteser hilfsdienst', 'dlrg', 'nabu',
    'bund naturschutz', 'foodwatch', 'campact', 'deutsche umwelthilfe', 'aktion deutschland hilft',
    'ein herz fur kinder', 'kindernothilfe', 'licht ins dunkel', 'nachbar in not', 'volkshilfe',
    'hartstichting', 'nierstichting', 'longfonds', 'alzheimer nederland', 'natuurmonumenten',
    'wereld natuur fonds', 'oxfam novib', 'cordaid', 'prinses beatrix spierfonds', 'reumafonds',
    'dierenbescherming', 'war child', 'warchild', 'giro555', 'acnur', 'oxfam intermon', 'intermon oxfam',
    'ayuda en accion', 'accion contra el hambre', 'fundacion vicente ferrer', 'aecc', 'banco de alimentos',
    'proactiva open arms', 'amnistia internacional', 'entreculturas', 'airc', 'lega del filo d oro',
    'actionaid', 'amref', 'mani tese', 'comunita di sant egidio', 'banco alimentare', 'cruz vermelha',
    'banco alimentar', 'liga portuguesa contra o cancro', 'refood', 'graacc', 'aacd',
    'medicos sem fronteiras', 'teleton', 'crianca esperanca', 'apae', 'hospital de amor', 'vakinha',
    'hogar de cristo', 'fundacion garrahan' ] },
  // Tax authorities, municipalities, customs and public levies
  { category: 'taxes', region: 'any', keywords: [
    'city council', 'borough council', 'district council', 'county council', 'london borough',
    'metropolitan borough', 'parish council', 'motortax', 'revenue online', 'eftps', 'county treasurer',
    'dmv', 'canada revenue', 'receiver general', 'revenu quebec', 'australian taxation office',
    'state revenue office', 'revenue nsw', 'antai', 'finances publiques', 'service public federal finances',
    'spf fin', 'fod fin', 'bruxelles fiscalite', 'brussel fiscaliteit', 'steueramt', 'administration fiscale',
    'serafe', 'billag', 'stadtkasse', 'gemeindekasse', 'kreiskasse', 'landeshauptkasse', 'bundeskasse',
    'zollamt', 'hauptzollamt', 'magistrat der stadt', 'orf beitrag*', 'gemeentebelasting*',
    'seguridad social', 'tgss', 'gestion tributaria', 'pagopa', 'pago pa', 'comune di', 'agenzia riscossione',
    'agenzia delle entrate riscossione', 'equitalia', 'camara municipal', 'junta de freguesia', 'prefeitura',
    'detran', 'simples nacional', 'sefaz', 'servicio de administracion tributaria', 'tesoreria cdmx',
    'predial', 'tesoreria general de la republica', 'afip', 'arba', 'hm revenue' ] },
  // Consumer credit, car finance, mortgages and student loans (not buy-now-pay-later checkouts)
  { category: 'loan', region: 'any', keywords: [
    'franfinance', 'ca consumer finance', 'cofinoga', 'diac', 'psa banque', 'stellantis financial',
    'credit logement', 'santander consumer', 'creditplus', 'auxmoney', 'smava', 'easycredit', 'teambank',
    'interhyp', 'defam', 'de hypotheker', 'obvion', 'florius', 'vivus', 'moneyman', 'creditea',
    'compass banca', 'compass spa', 'fiditalia', 'credibom', 'crefisa', 'bv financeira',
    'aymore financiamentos', 'infonavit', 'fovissste', 'novuna', 'hitachi capital', 'close brothers motor',
    'moneybarn', 'amigo loans', 'student loans company', 'sallie mae', 'navient', 'nelnet', 'mohela',
    'aidvantage', 'fedloan', 'lendingclub', 'onemain', 'rocket mortgage', 'quicken loans', 'nationstar',
    'pennymac', 'loancare', 'freedom mortgage', 'newrez', 'shellpoint mortgage', 'toyota financial',
    'toyota motor credit', 'american honda finance', 'honda financial', 'ford credit', 'gm financial',
    'nissan motor acceptance', 'hyundai motor finance', 'westlake financial', 'credit acceptance',
    'lightstream', 'fairstone', 'easyfinancial', 'latitude finance', 'sabadell consumer',
    'bankinter consumer', 'montepio credito', 'bnp paribas personal finance' ] },
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
