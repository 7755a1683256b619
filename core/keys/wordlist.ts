// A fixed list of 256 distinct, concrete English words (one per byte value) for reading key fingerprints
// aloud in a ceremony. Written for Rootsmith; the order is alphabetical and must never change.

/** Byte value b is spoken as FINGERPRINT_WORDS[b]. */
export const FINGERPRINT_WORDS: readonly string[] = Object.freeze([
  'acorn', 'adult', 'agent', 'alarm', 'album', 'alley', 'amber', 'anchor', 'angle', 'ankle', 'apple', 'april',
  'apron', 'arena', 'arrow', 'atlas', 'attic', 'autumn', 'avenue', 'bacon', 'badge', 'baker', 'balloon', 'bamboo',
  'banana', 'banjo', 'barn', 'basket', 'beach', 'beaver', 'beetle', 'bench', 'berry', 'bicycle', 'bishop', 'blanket',
  'blossom', 'border', 'bottle', 'bracket', 'branch', 'bread', 'brick', 'bridge', 'bronze', 'brush', 'bubble',
  'bucket', 'buffalo', 'butter', 'button', 'cabin', 'cactus', 'camel', 'candle', 'canoe', 'canyon', 'carbon',
  'carpet', 'castle', 'cattle', 'cellar', 'cement', 'cherry', 'chess', 'chimney', 'cinema', 'circus', 'citizen',
  'clover', 'cobalt', 'coconut', 'coffee', 'comet', 'copper', 'corner', 'cotton', 'cowboy', 'crater', 'crayon',
  'cricket', 'crystal', 'cupboard', 'curtain', 'cushion', 'dagger', 'dancer', 'deputy', 'desert', 'desk', 'diamond',
  'dinner', 'doctor', 'dolphin', 'donkey', 'dragon', 'drum', 'eagle', 'echo', 'eclipse', 'elbow', 'elephant',
  'ember', 'engine', 'falcon', 'farmer', 'feather', 'fence', 'fiddle', 'fiesta', 'finger', 'forest', 'fossil',
  'fountain', 'fox', 'galaxy', 'garden', 'garlic', 'geyser', 'ginger', 'giraffe', 'glacier', 'goblet', 'gorilla',
  'granite', 'grape', 'guitar', 'hammer', 'harbor', 'harvest', 'hazel', 'helmet', 'hermit', 'honey', 'hotel',
  'husky', 'igloo', 'indigo', 'island', 'ivory', 'jacket', 'jaguar', 'jelly', 'jigsaw', 'jungle', 'kettle', 'kidney',
  'kitten', 'koala', 'ladder', 'lagoon', 'lantern', 'laser', 'lemon', 'leopard', 'lettuce', 'library', 'lily',
  'lizard', 'lobster', 'locket', 'magnet', 'mango', 'maple', 'marble', 'meadow', 'melon', 'mermaid', 'meteor',
  'mirror', 'monkey', 'mosaic', 'muffin', 'museum', 'needle', 'nephew', 'noodle', 'nugget', 'oasis', 'ocean',
  'olive', 'onion', 'orange', 'orbit', 'orchid', 'otter', 'oyster', 'paddle', 'palace', 'panda', 'parrot', 'peanut',
  'pencil', 'pepper', 'piano', 'pickle', 'pigeon', 'pillow', 'pirate', 'planet', 'pocket', 'potato', 'pumpkin',
  'puzzle', 'quartz', 'rabbit', 'radar', 'radio', 'raven', 'ribbon', 'robot', 'rocket', 'saddle', 'salmon', 'sandal',
  'satin', 'scarf', 'shadow', 'shovel', 'silver', 'spider', 'spinach', 'squirrel', 'statue', 'sugar', 'summer',
  'sunset', 'tablet', 'teapot', 'temple', 'thunder', 'ticket', 'tiger', 'tomato', 'tornado', 'tractor', 'trumpet',
  'tulip', 'tunnel', 'turtle', 'umbrella', 'uncle', 'unicorn', 'valley', 'velvet', 'violin', 'volcano', 'wagon',
  'walnut', 'walrus', 'window', 'winter', 'wizard', 'yogurt', 'zebra', 'zipper',
]);
