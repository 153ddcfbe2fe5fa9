import { beforeAll, describe, expect, it } from 'vitest';
import { createDirectory, type Directory, DirectoryError, loadDirectory, parseBapasCsv } from '../src/index';

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory();
});

function caught(run: () => unknown): DirectoryError {
  try {
    run();
  } catch (error) {
    if (error instanceof DirectoryError) return error;
    throw error;
  }
  throw new Error('expected a DirectoryError');
}

describe('loadDirectory', () => {
  it('reads the data once and shares it', async () => {
    expect(await loadDirectory()).toBe(directory);
  });

  it('finds offices and regencies by id and code, and nothing for unknown ones', () => {
    expect(directory.getBapas('026')?.seat).toBe('Bandung');
    expect(directory.getBapas('999')).toBeUndefined();
    expect(directory.getRegency('32.73')).toMatchObject({ name: 'Kota Bandung', provinceCode: '32' });
    expect(directory.getRegency('32.99')).toBeUndefined();
  });
});

describe('the offices of a directory', () => {
  it('are every Bapas but the planned ones, in file order', () => {
    expect(directory.offices.map((office) => office.id)).toEqual(
      directory.bapas.filter((office) => office.status !== 'planned').map((office) => office.id),
    );
    expect(directory.offices).toHaveLength(84);
    expect(directory.bapas.length - directory.offices.length).toBe(1);
  });

  it('leave out Dumai, which is planned, and find nothing by its id, where getBapas still does', () => {
    expect(directory.getBapas('009')).toMatchObject({ seat: 'Dumai', status: 'planned' });
    expect(directory.offices.some((office) => office.id === '009')).toBe(false);
    expect(directory.getOffice('009')).toBeUndefined();
  });

  it('are found by id as the same objects as in bapas, and an unknown id finds none', () => {
    expect(directory.getOffice('026')).toBe(directory.getBapas('026'));
    expect(directory.getOffice('999')).toBeUndefined();
  });
});

describe('resolveLocation', () => {
  const bandungPoint = () => directory.getRegency('32.73')!.location;

  it('takes explicit coordinates first, keeping a given regency code', () => {
    const location = { lat: -6.9, lon: 107.6 };
    expect(directory.resolveLocation({ location, regencyCode: '32.04', bapasId: '026' })).toEqual({
      location,
      regencyCode: '32.04',
      source: 'coordinates',
    });
  });

  it("falls back to the regency's point", () => {
    expect(directory.resolveLocation({ regencyCode: '32.73', bapasId: '046' })).toEqual({
      location: bandungPoint(),
      regencyCode: '32.73',
      source: 'regency',
    });
  });

  it('falls back to the seat of the Bapas, with its regency', () => {
    const bandung = directory.getBapas('026')!;
    expect(directory.resolveLocation({ bapasId: '026' })).toEqual({ location: bandung.location, regencyCode: '32.73', source: 'bapas' });
  });

  it('returns a copy that the caller may change without changing the directory', () => {
    const resolved = directory.resolveLocation({ regencyCode: '32.73' });
    resolved.location.lat = 0;
    expect(bandungPoint().lat).not.toBe(0);
  });

  it('names an unknown regency code', () => {
    const error = caught(() => directory.resolveLocation({ regencyCode: '99.99', bapasId: '026' }));
    expect(error).toMatchObject({ code: 'UNKNOWN_REGENCY', field: 'regencyCode' });
    expect(error.message).toContain('99.99');
  });

  it('names an unknown Bapas id, even when coordinates make it unneeded', () => {
    const error = caught(() => directory.resolveLocation({ location: { lat: -6.9, lon: 107.6 }, bapasId: '900' }));
    expect(error).toMatchObject({ code: 'UNKNOWN_BAPAS', field: 'bapasId' });
    expect(error.message).toContain('900');
  });

  it('refuses a request with nothing to place it by', () => {
    expect(caught(() => directory.resolveLocation({}))).toMatchObject({ code: 'NO_LOCATION', field: 'location' });
  });
});

describe('a directory with more offices', () => {
  const header =
    'id,name,class,seat,regency_code,regency_name,province_code,province_name,kanwil_2020,status,sources,notes,lat,lon,coord_source';
  const row = (id: string, regency = '11.07') =>
    `${id},Bapas Kelas II Sigli,II,Sigli,${regency},Kabupaten Pidie,11,Aceh,Kanwil Kemenkumham Aceh,added_later,test,,5.38,95.96,test`;

  it('accepts offices added as rows, assuming no count', () => {
    const extra = parseBapasCsv(`${header}\n${row('086')}\n`);
    const larger = createDirectory({
      bapas: [...directory.bapas, ...extra],
      provinces: directory.provinces,
      regencies: directory.regencies,
    });
    expect(larger.bapas).toHaveLength(directory.bapas.length + 1);
    expect(larger.resolveLocation({ bapasId: '086' })).toMatchObject({ regencyCode: '11.07', source: 'bapas' });
  });

  it('counts an added row as an office unless its status is planned', () => {
    const extra = parseBapasCsv(`${header}\n${row('086')}\n${row('087').replace('added_later', 'planned')}\n`);
    const larger = createDirectory({
      bapas: [...directory.bapas, ...extra],
      provinces: directory.provinces,
      regencies: directory.regencies,
    });
    expect(larger.offices.map((office) => office.id)).toEqual([...directory.offices.map((office) => office.id), '086']);
    expect(larger.getOffice('086')?.seat).toBe('Sigli');
    expect(larger.getOffice('087')).toBeUndefined();
    // A planned office's seat is still a place a client can be located at.
    expect(larger.resolveLocation({ bapasId: '087' })).toMatchObject({ regencyCode: '11.07', source: 'bapas' });
  });

  it('refuses an office in an unknown regency', () => {
    const stray = parseBapasCsv(`${header}\n${row('086', '11.99')}\n`);
    expect(() => createDirectory({ bapas: stray, provinces: directory.provinces, regencies: directory.regencies })).toThrow(
      /086 \(11\.99\)/,
    );
  });

  it('refuses a Bapas file with a repeated id or a bad status, naming the row', () => {
    expect(() => parseBapasCsv(`${header}\n${row('086')}\n${row('086')}\n`)).toThrow(/row 3: id 086 is used twice/);
    expect(() => parseBapasCsv(`${header}\n${row('086').replace('added_later', 'open')}\n`)).toThrow(/row 2: status "open"/);
    expect(() => parseBapasCsv(`${header}\n${row('86')}\n`)).toThrow(/not three digits/);
  });
});
