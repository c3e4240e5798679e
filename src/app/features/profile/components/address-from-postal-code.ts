import type { PostalArea } from '../../../../contract/postal-code';

export type AddressFields = { prefecture: string; city: string; street: string };

/**
 * The address fields after a postal code lookup: prefecture and city when every area of the code
 * shares them, the town when there is only one. A street the shopper has typed past the town that
 * was filled last time (a block number, say) stays as it is; everything stays editable.
 */
export function addressFromPostalCode(current: AddressFields, areas: PostalArea[], lastFilledTown: string | null): AddressFields {
  const [first] = areas;
  if (!first) return current;
  const shared = (pick: (area: PostalArea) => string) => (areas.every((area) => pick(area) === pick(first)) ? pick(first) : null);
  const prefecture = shared((a) => a.prefecture);
  const city = prefecture === null ? null : shared((a) => a.city);
  const town = city === null ? null : shared((a) => a.town);
  const streetIsOurs = current.street === '' || current.street === lastFilledTown;
  return {
    prefecture: prefecture ?? current.prefecture,
    city: city ?? current.city,
    street: town !== null && streetIsOurs ? town : current.street,
  };
}
