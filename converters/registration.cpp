#include "core/codecs.h"
