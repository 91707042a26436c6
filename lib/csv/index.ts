export { CsvShapeError, readCsvRecords, type CsvRecord } from './read-csv-records'
