#include "apply/revision_fixture.h"

namespace strata::testing {

revision::Revision make_revision(const std::string& id, std::optional<std::string> parent,
                                 const std::string& up, const std::string& down,
                                 bool no_transaction) {
  revision::Revision r;
  r.id = id;
  r.parent = std::move(parent);
  r.message = "revision " + id;
  r.no_transaction = no_transaction;
  r.up_path = "m/" + id + ".up.sql";
  r.down_path = "m/" + id + ".down.sql";
  r.up_sql = revision::render_header(r) + up;
  r.down_sql = down;
  r.checksum = revision::checksum_of(r.up_sql, r.down_sql);
  return r;
}

}  // namespace strata::testing
