-- OrcaZap data model (SPEC section 3). Money in integer centavos, quantities as exact
-- numeric, percentages in basis points (500 = 5 %). Every tenant-owned table has tenant_id.

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  slug text NOT NULL UNIQUE
    CHECK (slug ~ '^[a-z0-9](-?[a-z0-9]){2,31}$'
           AND slug NOT IN ('www', 'api', 'admin', 'app', 'mail', 'static', 'status', 'docs')),
  timezone text NOT NULL DEFAULT 'America/Sao_Paulo',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  quote_validity_hours integer NOT NULL DEFAULT 24 CHECK (quote_validity_hours > 0),
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'attendant')),
  name text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, email)
);

CREATE TABLE channels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  waba_id text NOT NULL,
  phone_number_id text NOT NULL UNIQUE,
  display_phone_number text NOT NULL DEFAULT '',
  access_token_encrypted bytea NOT NULL,
  webhook_verify_token text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  needs_new_token boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channels_tenant ON channels (tenant_id);

CREATE TABLE items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  sku text NOT NULL CHECK (length(sku) BETWEEN 1 AND 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  unit text NOT NULL,
  price_centavos bigint NOT NULL CHECK (price_centavos >= 0),
  cost_centavos bigint CHECK (cost_centavos >= 0),
  weight_kg numeric(12, 3) CHECK (weight_kg >= 0),
  aliases text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, sku)
);

CREATE TABLE volume_discounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  item_id uuid REFERENCES items(id) ON DELETE CASCADE,
  min_quantity numeric(14, 3) NOT NULL CHECK (min_quantity > 0),
  discount_basis_points integer NOT NULL CHECK (discount_basis_points BETWEEN 0 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volume_discounts_tenant ON volume_discounts (tenant_id);

CREATE TABLE pricing_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL UNIQUE REFERENCES tenants(id) ON DELETE CASCADE,
  pix_discount_basis_points integer NOT NULL DEFAULT 0
    CHECK (pix_discount_basis_points BETWEEN 0 AND 10000),
  min_margin_basis_points integer CHECK (min_margin_basis_points BETWEEN -10000 AND 10000),
  approval_total_above_centavos bigint CHECK (approval_total_above_centavos >= 0),
  approval_margin_below_basis_points integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE freight_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  bairro text,
  cep_start char(8) CHECK (cep_start ~ '^[0-9]{8}$'),
  cep_end char(8) CHECK (cep_end ~ '^[0-9]{8}$'),
  base_centavos bigint NOT NULL CHECK (base_centavos >= 0),
  per_kg_centavos bigint CHECK (per_kg_centavos >= 0),
  free_above_centavos bigint CHECK (free_above_centavos >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((bairro IS NOT NULL AND cep_start IS NULL AND cep_end IS NULL)
      OR (bairro IS NULL AND cep_start IS NOT NULL AND cep_end IS NOT NULL AND cep_start <= cep_end))
);
CREATE INDEX freight_rules_tenant ON freight_rules (tenant_id);

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  phone text NOT NULL CHECK (phone ~ '^[0-9]{8,15}$'),
  profile_name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, phone)
);

CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id),
  state text NOT NULL DEFAULT 'INBOUND'
    CHECK (state IN ('INBOUND', 'CAPTURE_MIN', 'QUOTE_READY', 'HUMAN_APPROVAL', 'QUOTE_SENT',
                     'WAITING_REPLY', 'WON', 'LOST')),
  captured jsonb NOT NULL DEFAULT '{}',
  last_inbound_at timestamptz,
  needs_human boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, contact_id, channel_id)
);
CREATE INDEX conversations_inbox ON conversations (tenant_id, needs_human DESC, updated_at DESC);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY,  -- arrival order
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id),
  conversation_id uuid REFERENCES conversations(id) ON DELETE CASCADE,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  provider_message_id text UNIQUE,
  peer_phone text NOT NULL,          -- the customer: sender of inbound, recipient of outbound
  peer_name text NOT NULL DEFAULT '',
  type text NOT NULL,
  text text NOT NULL DEFAULT '',
  raw jsonb,
  provider_timestamp timestamptz,
  -- inbound
  processed_at timestamptz,
  -- outbound (an outbox row until sent)
  purpose_key text,
  status text CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
  error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, purpose_key),
  CHECK ((direction = 'inbound' AND provider_message_id IS NOT NULL)
      OR (direction = 'outbound' AND purpose_key IS NOT NULL AND status IS NOT NULL))
);
CREATE INDEX messages_conversation ON messages (conversation_id, seq);
CREATE INDEX messages_unprocessed ON messages (created_at)
  WHERE direction = 'inbound' AND processed_at IS NULL;
CREATE INDEX messages_outbox ON messages (conversation_id, seq)
  WHERE direction = 'outbound' AND status = 'queued';

-- Every delivery status Meta reports, kept even when it names a message we do not hold.
CREATE TABLE message_status_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  provider_message_id text NOT NULL,
  status text NOT NULL,
  provider_timestamp timestamptz,
  error_code bigint,
  error_title text,
  raw jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider_message_id, status)
);

CREATE TABLE quotes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  status text NOT NULL
    CHECK (status IN ('draft', 'pending_approval', 'sent', 'won', 'lost', 'expired')),
  detail jsonb NOT NULL,             -- lines, unknown items, approval reasons
  subtotal_centavos bigint NOT NULL,
  volume_discount_centavos bigint NOT NULL DEFAULT 0,
  payment_discount_centavos bigint NOT NULL DEFAULT 0,
  freight_centavos bigint,
  total_centavos bigint NOT NULL,
  margin_basis_points integer,
  payment_method text CHECK (payment_method IN ('pix', 'cartao', 'boleto', 'dinheiro')),
  delivery_date date,
  delivery_asap boolean NOT NULL DEFAULT false,
  location jsonb NOT NULL DEFAULT '{}',
  valid_until timestamptz,
  approval_reasons text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quotes_conversation ON quotes (conversation_id, created_at DESC);
CREATE INDEX quotes_expiry ON quotes (valid_until) WHERE status = 'sent';
CREATE UNIQUE INDEX quotes_one_open ON quotes (conversation_id)
  WHERE status IN ('sent', 'pending_approval');

CREATE TABLE approvals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  quote_id uuid NOT NULL UNIQUE REFERENCES quotes(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  reasons text[] NOT NULL DEFAULT '{}',
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX approvals_pending ON approvals (tenant_id, created_at) WHERE status = 'pending';

CREATE TABLE message_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  key text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, key)
);

CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid REFERENCES users(id),
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  action text NOT NULL,
  before jsonb,
  after jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, created_at DESC);
