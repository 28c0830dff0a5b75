namespace Lotkeeper.Errors;

/// <summary>
/// Error codes of the OPS-COM Controller Permits API, plus Lotkeeper's own codes from 9900 up.
/// </summary>
/// <remarks>
/// Codes 9010 to 9021 belong to the OPS-COM vehicle and profile APIs, which Lotkeeper does not serve. They stay in
/// the catalogue so that the numbering matches the OPS-COM documentation.
/// </remarks>
public enum ErrorCode
{
    ClientCodeMissing = 9000,
    TokenMissing = 9001,
    PermissionDenied = 9002,
    UnparsableRequest = 9003,
    EndTimeRequired = 9004,
    EndTimeInvalid = 9005,
    PlateRequired = 9006,
    StartTimeInvalid = 9007,
    ReferenceIdRequired = 9008,
    RecordNotFound = 9009,
    PlateTypeRequired = 9010,
    ProvinceRequired = 9011,
    VehicleExists = 9012,
    UniqueIdRequired = 9013,
    LoginSourceRequired = 9014,
    LoginSourceInvalid = 9015,
    UserEmailRequired = 9016,
    UserFirstNameRequired = 9017,
    UserLastNameRequired = 9018,
    UserEmailNotUnique = 9019,
    UserNameNotUnique = 9020,
    VehiclePlateTooLong = 9021,
    RecordExists = 9022,
    FieldTooLong = 9030,
    FieldRequired = 9031,
    FieldTooShort = 9032,
    FieldInvalid = 9033,
    TooManyRequests = 9901,
    ServerError = 9999,
}
