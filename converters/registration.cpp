// The platforms postport ships: one line each.
#include "converters/ghost/ghost.h"
#include "converters/hugo/hugo.h"
#include "converters/jekyll/jekyll.h"
#include "converters/json/json.h"

namespace postport {

const Registry& builtin_platforms() {
    static const Registry registry = [] {
        Registry r;
        r.add(std::make_unique<HugoPlatform>());
        r.add(std::make_unique<JekyllPlatform>());
        r.add(std::make_unique<JsonPlatform>());
        r.add(std::make_unique<GhostPlatform>());
        return r;
    }();
    return registry;
}

}  // namespace postport
