import { ITerraformDependable, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

/** Where Terraform finds the azapi provider. */
export const AZAPI_PROVIDER_SOURCE = 'Azure/azapi';

/**
 * The azapi versions the generic resource below is written for: 2.x writes `body` as an object (not a JSON string),
 * and `sensitive_body`, which keeps secrets out of the state, is in azapi from 2.4.
 */
export const AZAPI_VERSION_CONSTRAINT = '~> 2.4';

/** The provider's name, as resources refer to it. */
const AZAPI_PROVIDER_NAME = 'azapi';

/**
 * The `azapi` provider block. There are no prebuilt cdktf bindings for azapi on npm, so this is the generic
 * {@link TerraformProvider} with the source and version set: it writes `provider.azapi` and
 * `terraform.required_providers.azapi`. It takes no configuration; it authenticates as azurerm does (Azure CLI,
 * managed identity, `ARM_*` environment variables).
 */
class AzapiProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: AZAPI_PROVIDER_NAME,
      terraformProviderSource: AZAPI_PROVIDER_SOURCE,
      terraformGeneratorMetadata: { providerName: AZAPI_PROVIDER_NAME, providerVersionConstraint: AZAPI_VERSION_CONSTRAINT },
    });
  }
}

/**
 * The stack's `azapi` provider: the one already declared at the stack's top level, or a new one with the id `azapi`.
 * Every azapi resource of a stack shares it, so `required_providers.azapi` appears once.
 */
export function addAzapiProvider(scope: IConstruct): TerraformProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.children.find((child): child is TerraformProvider =>
    TerraformProvider.isTerraformProvider(child) && child.terraformResourceType === AZAPI_PROVIDER_NAME);
  return existing ?? new AzapiProvider(stack, AZAPI_PROVIDER_NAME);
}

/** Properties for an {@link AzapiResource}. */
export interface AzapiResourceProps {
  /** The ARM resource type, e.g. `Microsoft.SecurityInsights/dataConnectors`. */
  readonly resourceType: string;

  /** The ARM api-version the body is written for, e.g. `2024-09-01`. */
  readonly apiVersion: string;

  /** Name of the resource (the last segment of its ID). */
  readonly name: string;

  /** ID of the parent: the resource group, or for an extension resource the resource it extends. */
  readonly parentId: string;

  /** The ARM request body (`kind`, `properties`, ...), exactly as the REST API takes it, without its secrets. */
  readonly body: Record<string, unknown>;

  /**
   * The secrets of the body, in the same shape (`{ properties: { auth: { apiKey } } }`): azapi merges them into the
   * body it sends and never writes them to the Terraform state (its `sensitive_body`).
   *
   * @default - no secrets
   */
  readonly sensitiveBody?: Record<string, unknown>;

  /**
   * Let azapi check the body against its embedded copy of the type's schema before sending it. Off for types whose
   * schema azapi does not embed, or embeds older than what the service accepts.
   *
   * @default true
   */
  readonly schemaValidationEnabled?: boolean;

  /** @default - none beyond the references in the body */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * One `azapi_resource`: an ARM resource that azurerm does not model, written as its REST body.
 *
 * Why azapi rather than an ARM template deployment (`azurerm_resource_group_template_deployment`):
 * - the plan shows a diff per resource and per field of its body, which a reviewer can read; a template deployment is
 *   one resource whose whole template is a single JSON string;
 * - `terraform destroy` deletes each resource, because Terraform tracks it; the resources a template deployment
 *   creates are not in Terraform's state;
 * - the body is the ARM body, so Microsoft's own JSON (Content Hub connector files) drops in unchanged.
 */
export class AzapiResource extends TerraformResource {
  private readonly props: AzapiResourceProps;

  constructor(scope: Construct, id: string, props: AzapiResourceProps) {
    super(scope, id, {
      terraformResourceType: 'azapi_resource',
      terraformGeneratorMetadata: { providerName: AZAPI_PROVIDER_NAME },
      dependsOn: props.dependsOn,
    });
    this.props = props;
    addAzapiProvider(this);
  }

  /** `<resourceType>@<apiVersion>`, as azapi's `type` argument takes it. */
  public get azapiType(): string {
    return `${this.props.resourceType}@${this.props.apiVersion}`;
  }

  /** Azure resource ID of the resource. */
  public get resourceId(): string {
    return this.getStringAttribute('id');
  }

  /** Body and arguments, with the body's keys kept as ARM spells them (no snake_case conversion). */
  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      type: this.azapiType,
      name: this.props.name,
      parent_id: this.props.parentId,
      body: this.props.body,
      sensitive_body: this.props.sensitiveBody,
      schema_validation_enabled: this.props.schemaValidationEnabled,
    };
  }

  /**
   * The same, as plain values, which the HCL renderer writes as expressions. It cannot write a `null` inside an
   * object, so those properties are left out (ARM reads an absent property as null).
   */
  protected synthesizeHclAttributes(): Record<string, unknown> {
    return withoutNulls(this.synthesizeAttributes()) as Record<string, unknown>;
  }
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutNulls);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, child]) => child !== null && child !== undefined)
      .map(([key, child]) => [key, withoutNulls(child)]));
  }
  return value;
}
